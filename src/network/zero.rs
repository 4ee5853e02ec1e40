//! Zeros of a node's pre-activation as a function of the input: where the network's kinks are.

/// The input nearest `x`, within a few steps of the floating-point grid, where `z` is exactly
/// zero; `x` itself if there is none.
pub fn exact_zero(z: &impl Fn(f64) -> f64, x: f64) -> f64 {
    if z(x) == 0.0 {
        return x;
    }
    let (mut down, mut up) = (x, x);
    for _ in 0..EXACT_ZERO_STEPS {
        down = down.next_down();
        up = up.next_up();
        for candidate in [down, up] {
            if z(candidate) == 0.0 {
                return candidate;
            }
        }
    }
    x
}

/// How many floating-point steps either side of a kink [`exact_zero`] looks.
const EXACT_ZERO_STEPS: usize = 64;

/// The zero of `z` between `a` and `b` (where `za` and `zb` have opposite signs): one step of
/// linear interpolation, exact for a linear function, then the Illinois variant of regula falsi.
pub fn find_zero(z: &impl Fn(f64) -> f64, mut a: f64, mut b: f64, mut za: f64, mut zb: f64) -> f64 {
    let mut side = 0;
    for _ in 0..100 {
        let x = (a * zb - b * za) / (zb - za);
        if !(x > a && x < b) {
            return 0.5 * (a + b);
        }
        let zx = z(x);
        if zx == 0.0 || (b - a) <= f64::EPSILON * x.abs().max(1.0) {
            return x;
        }
        if (zx < 0.0) == (za < 0.0) {
            a = x;
            za = zx;
            if side == -1 {
                zb *= 0.5;
            }
            side = -1;
        } else {
            b = x;
            zb = zx;
            if side == 1 {
                za *= 0.5;
            }
            side = 1;
        }
        if zx.abs() <= 1e-15 * (za.abs() + zb.abs()) {
            return x;
        }
    }
    0.5 * (a + b)
}
