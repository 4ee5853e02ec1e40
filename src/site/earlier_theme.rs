//! The default theme's files as earlier nnbooks had them. `nnbook init` copied the whole theme
//! into every new project until it took `--theme`; a project's copy that nobody changed keeps
//! its pages from what the theme gained since (the header's search link, the phone layout),
//! and nothing told its author. A build knows such a copy by its fingerprint and says so
//! ([`warning`]).

use crate::error::Diagnostic;

/// FNV-1a (64 bits) of a file's bytes, with its CRLF line ends read as LF (as Git on Windows may
/// check a file out): how [`EARLIER`] knows a file.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut iter = bytes.iter().peekable();
    while let Some(&byte) = iter.next() {
        if byte == b'\r' && iter.peek() == Some(&&b'\n') {
            continue;
        }
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether `bytes` are the default theme's file `name` as an earlier nnbook had it (not as this
/// one has it: that is no older copy).
pub fn is_earlier(name: &str, bytes: &[u8]) -> bool {
    let print = fingerprint(bytes);
    EARLIER.iter().any(|&(n, p)| n == name && p == print)
}

/// One warning for the project's unchanged copies of an earlier default theme
/// ([`super::ThemeFiles`]' `earlier_copies`), at the first: they keep the pages from what the theme
/// gained since, and the author would not know.
pub(super) fn warning(copies: &[&str]) -> Option<Diagnostic> {
    let named: Vec<String> = copies.iter().map(|c| format!("`{c}`")).collect();
    let (last, rest) = named.split_last()?;
    let (names, are, files, them) = match rest {
        [] => (
            last.clone(),
            "is",
            "file as an earlier nnbook wrote it",
            "it",
        ),
        _ => (
            format!("{} and {last}", rest.join(", ")),
            "are",
            "files as an earlier nnbook wrote them",
            "them",
        ),
    };
    let message = format!(
        "{names} {are} the default theme's {files}, unchanged: the pages miss what the theme \
         gained since"
    );
    Some(
        Diagnostic::in_file(copies[0].to_string(), message)
            .hint(format!(
                "delete {them} to use this nnbook's built-in theme, which keeps up with nnbook; \
                 `nnbook init --theme` writes its files into `templates/`, to change (never over \
                 a file that is there)"
            ))
            .warning(),
    )
}

/// Each version of the default theme's files before this one, by name and [`fingerprint`],
/// from the repository's history of `templates/`. The test
/// `the_earlier_theme_lists_every_version_in_the_history` (`tests/testsuite/theme_warnings.rs`)
/// checks it against `git log` and prints the lines missing, to paste here when a theme file
/// changes.
pub const EARLIER: &[(&str, u64)] = &[
    ("404.html", 0xa19c0213ca2bab48),
    ("404.html", 0xea2f0e2a83fee4ed),
    ("404.html", 0xf8c9e42d71e2ba83),
    ("base.html", 0x1c75171c82903d0d),
    ("base.html", 0x21a455fecbbb3d34),
    ("base.html", 0x5825969bf8faa0f1),
    ("base.html", 0x6f026bde7e58feca),
    ("base.html", 0x909af4c272674c5b),
    ("base.html", 0x9e2cbe1fd4d082ba),
    ("base.html", 0xb874aa69f8cb99bd),
    ("base.html", 0xe95efefa0c6a8b2e),
    ("base.html", 0xfd0971af39f83afe),
    ("copy.js", 0x20b2d1a50c8a0784),
    ("copy.js", 0xd6c729d8c132ac42),
    ("copy.js", 0xf9c4d2f77d171de1),
    ("explore.js", 0x0998c55965528cb2),
    ("explore.js", 0x0b08e648b23922ca),
    ("explore.js", 0x11cfe603a991d88f),
    ("explore.js", 0x159d65acb49d911a),
    ("explore.js", 0x1840ead753c99c93),
    ("explore.js", 0x19f7bf90c568f2c4),
    ("explore.js", 0x1c5fe887770eda83),
    ("explore.js", 0x1ceef8f8dcb537b9),
    ("explore.js", 0x21e93fb50c0d539f),
    ("explore.js", 0x2d11e9db8dc662c9),
    ("explore.js", 0x2db4d2d677126eeb),
    ("explore.js", 0x2e975bf4c3c75286),
    ("explore.js", 0x32a354c7025bef4e),
    ("explore.js", 0x32e06c7c3600363e),
    ("explore.js", 0x38057c106e658fd7),
    ("explore.js", 0x3b568ac4e41c3c12),
    ("explore.js", 0x3bdd3901a686a405),
    ("explore.js", 0x3c57786fa9dbac5f),
    ("explore.js", 0x3d75c36937628973),
    ("explore.js", 0x414884459c0ada8c),
    ("explore.js", 0x4249bf394bbb2ccc),
    ("explore.js", 0x445fb39addce6b7f),
    ("explore.js", 0x45a39776d7a2faed),
    ("explore.js", 0x46b13fed57cccde7),
    ("explore.js", 0x47114cd1e935367c),
    ("explore.js", 0x4d1a9c44f40977f0),
    ("explore.js", 0x5a7b8254f4f113f1),
    ("explore.js", 0x5af87304f70bc79f),
    ("explore.js", 0x5c4d00bcf51db699),
    ("explore.js", 0x5ca0fe5c54d825a8),
    ("explore.js", 0x5ebb138d6bc537f1),
    ("explore.js", 0x645e3016f716614c),
    ("explore.js", 0x6b0e6fe5856d69d9),
    ("explore.js", 0x6c6cc561941876c6),
    ("explore.js", 0x6e113daa5e9d36e3),
    ("explore.js", 0x6ee2580e54a5cf2a),
    ("explore.js", 0x7141b3509be60fad),
    ("explore.js", 0x726fdc78d2669206),
    ("explore.js", 0x7eb6eaf807ed21f1),
    ("explore.js", 0x7ff29cb59d35e940),
    ("explore.js", 0x8b010d210864a349),
    ("explore.js", 0x8c277c6036a7547d),
    ("explore.js", 0x8d0dcef0ffab6a65),
    ("explore.js", 0x8f8ab6e57c5335d1),
    ("explore.js", 0x95c2985078da6998),
    ("explore.js", 0x98bd705a1f6abf70),
    ("explore.js", 0x9bd32c509c2d1239),
    ("explore.js", 0xa2e3c39f725bd607),
    ("explore.js", 0xa6f0f782d4bbda0f),
    ("explore.js", 0xa6f67c9923370c15),
    ("explore.js", 0xa87a1abd9ae129eb),
    ("explore.js", 0xa882fcff5743563b),
    ("explore.js", 0xa9fd3a18f9f025c5),
    ("explore.js", 0xabc52216d339952e),
    ("explore.js", 0xae56872344884ba9),
    ("explore.js", 0xae70ad5ad67eadaf),
    ("explore.js", 0xb1b8d2016d7fc9c8),
    ("explore.js", 0xb2e26708090665cf),
    ("explore.js", 0xb6a25e9f87aca981),
    ("explore.js", 0xb73526f4feec9c68),
    ("explore.js", 0xb7cb6dc4216e32f4),
    ("explore.js", 0xc24361b2f7ebe610),
    ("explore.js", 0xc2a11c8e62ef4bdb),
    ("explore.js", 0xc54ce89a2c19d492),
    ("explore.js", 0xc6de4b4889f43f49),
    ("explore.js", 0xc76db17c3aebcfbf),
    ("explore.js", 0xc94693fa20b9cfd5),
    ("explore.js", 0xd1d99a67afe0cc6f),
    ("explore.js", 0xd49787835a5a5032),
    ("explore.js", 0xd810bfbc41f624b4),
    ("explore.js", 0xd9d605d9fcd48f75),
    ("explore.js", 0xdf9168407ad954a1),
    ("explore.js", 0xe0b6cce4f5a177c9),
    ("explore.js", 0xe1ac160957edb455),
    ("explore.js", 0xe53328bfe4678f90),
    ("explore.js", 0xe62fc57d3a555072),
    ("explore.js", 0xec39324287d0af72),
    ("explore.js", 0xed282fa554adadfb),
    ("explore.js", 0xf4e809b5ff84a328),
    ("explore.js", 0xf5667e2ea8ff59a0),
    ("explore.js", 0xf5a6c363f003a91e),
    ("explore.js", 0xfaa133b222953474),
    ("explore.js", 0xfc49fbd769a22e40),
    ("explore.js", 0xff025bad201779bf),
    ("index.css", 0x099deb43bc8cd4e4),
    ("index.css", 0x833f7be8fc654ebd),
    ("index.css", 0x8e1ff6301aefd958),
    ("index.css", 0xb8734ed6b614d5b9),
    ("index.html", 0x35adc165a445681e),
    ("index.html", 0x36c7696fa33083e7),
    ("index.html", 0x5294223b7ac3fead),
    ("index.html", 0x622cf9022f1dbc88),
    ("index.html", 0x7d063adbbb9a2af5),
    ("index.html", 0x807b5f044eca4c45),
    ("index.html", 0xc7463e92b943d292),
    ("lesson.html", 0x07824d2996bf2f89),
    ("lesson.html", 0x153016a039369d10),
    ("lesson.html", 0x22113f0e3fcd4692),
    ("lesson.html", 0x3855296817c57d25),
    ("lesson.html", 0x55cf34df5eafc22e),
    ("lesson.html", 0x79a1a4d4d0e66110),
    ("lesson.html", 0x9194b0b618f4828e),
    ("lesson.html", 0x920d31afd3483841),
    ("lesson.html", 0xb3190fbec2eb2266),
    ("lesson.html", 0xd34179211a025601),
    ("lesson.html", 0xd5b8fae2c0c33e59),
    ("lesson.html", 0xdb1254b5900e0a10),
    ("lesson.html", 0xdd0459c384538b24),
    ("lesson.html", 0xf77f15e0b52424fa),
    ("rtl.css", 0x3787eac1b2fe9008),
    ("rtl.css", 0x60306dc3cd90065c),
    ("search.html", 0xbefbe783ab35d6f8),
    ("search.js", 0x277b5ea55de6e996),
    ("search.js", 0x2861af4dadbc9d9b),
    ("search.js", 0x33924ff4c04c840c),
    ("search.js", 0x442a28c9ccdfadb0),
    ("search.js", 0x79783739fa282fe3),
    ("search.js", 0xb95322bef6e81873),
    ("search.js", 0xca05fe0f6156c421),
    ("search.js", 0xcd8d300ccf119874),
    ("search.js", 0xe27dae4be2ebafca),
    ("search.js", 0xedefad58544960b0),
    ("search.js", 0xf322662001e4a4f2),
    ("search.js", 0xfa32f7522e56b0ce),
    ("style.css", 0x09e1ddc4cc8aa6ac),
    ("style.css", 0x0a7a315f2bc7d30e),
    ("style.css", 0x0aaa1587ddbb88ce),
    ("style.css", 0x0bacb52791ea3dcd),
    ("style.css", 0x0ca6346f5219c77e),
    ("style.css", 0x14ea59c90a78045f),
    ("style.css", 0x161c56019c3d3887),
    ("style.css", 0x1a7320c9bf4bd200),
    ("style.css", 0x1c257cf097f49fde),
    ("style.css", 0x2b57af3f8abab021),
    ("style.css", 0x339fc45617c2df7d),
    ("style.css", 0x3dac45f4287b63b3),
    ("style.css", 0x3ea667041ec60efc),
    ("style.css", 0x549d851355ac4e82),
    ("style.css", 0x5976b3010a9eafd3),
    ("style.css", 0x5d305cd7057ba7e0),
    ("style.css", 0x5e1c5207e412c680),
    ("style.css", 0x5eba2b670d9ba844),
    ("style.css", 0x60446583db9ecb54),
    ("style.css", 0x63b070ac19f0caef),
    ("style.css", 0x689312570e1bf447),
    ("style.css", 0x6ff3264c5136ec7d),
    ("style.css", 0x771bd70b8ef6b626),
    ("style.css", 0x792bd1dccee4a5a6),
    ("style.css", 0x7e50b854b2894bfa),
    ("style.css", 0x7fdae2920f5abad3),
    ("style.css", 0x9087b33f1117facf),
    ("style.css", 0x9262a02683edd7c4),
    ("style.css", 0x9462a18f07d595fb),
    ("style.css", 0x9577af20d0d53798),
    ("style.css", 0x983377c28b274f55),
    ("style.css", 0xa10d8302450ef47b),
    ("style.css", 0xa374528be5450a41),
    ("style.css", 0xb686762ca67dbf76),
    ("style.css", 0xbaca2283ec35a126),
    ("style.css", 0xc2bc9f1b493ba93e),
    ("style.css", 0xc64f99f7f30adb06),
    ("style.css", 0xc766fd8ead59bee5),
    ("style.css", 0xd5e6e3fd552e6cc6),
    ("style.css", 0xe27a0a641e4dc5b8),
    ("style.css", 0xe286f27337a4f7c4),
    ("style.css", 0xe474a97503bad3e3),
    ("style.css", 0xe8523584925547c0),
    ("style.css", 0xeaef0aad11305a96),
    ("style.css", 0xefdd8532c3a4878f),
    ("style.css", 0xf213625c933896f2),
    ("style.css", 0xf28c6b189fa9caee),
    ("style.css", 0xf431bd2bbdf8c258),
    ("style.css", 0xfa1a052d0006e073),
    ("style.css", 0xfa63ec42e2ab9577),
    ("style.css", 0xfe07b18685f3cf5b),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_fnv_1a_and_reads_crlf_as_lf() {
        // FNV-1a's published test vectors (Fowler, Noll, Vo: "FNV Hash", test vectors).
        assert_eq!(fingerprint(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fingerprint(b"a\r\nb\r\n"), fingerprint(b"a\nb\n"));
        // A carriage return alone is kept.
        assert_ne!(fingerprint(b"a\rb"), fingerprint(b"ab"));
    }
}
