//! A lesson's dates (front matter `date` and `updated`): a day (`2026-12-06`), or a moment with
//! its offset from UTC (`2026-12-06T09:30:00+08:00`), as TOML writes them. Shown on the page as
//! the day, and in the site's feed as the moment (a day alone is its midnight, UTC).

use toml::value::{Datetime, Offset};

/// A date the front matter gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// The time of day (hour, minute, second) and its offset from UTC in minutes, when given.
    time: Option<(u8, u8, u8, i16)>,
}

impl LessonDate {
    /// The date TOML read, or what is wrong with it: a time of day alone, or a date and time
    /// without its offset (a moment no reader's clock can place).
    pub fn from_toml(d: &Datetime) -> Result<LessonDate, &'static str> {
        let Some(date) = d.date else {
            return Err("a time of day without its date");
        };
        let time = match (d.time, d.offset) {
            (None, _) => None,
            (Some(_), None) => return Err("a date and time without its offset from UTC"),
            (Some(t), Some(Offset::Z)) => Some((t.hour, t.minute, t.second, 0)),
            (Some(t), Some(Offset::Custom { minutes })) => {
                Some((t.hour, t.minute, t.second, minutes))
            }
        };
        Ok(LessonDate {
            year: date.year,
            month: date.month,
            day: date.day,
            time,
        })
    }

    /// The day, `2026-12-06` (a `<time datetime>`'s value).
    pub fn day_text(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The moment as RFC 3339 (Atom's dates): `2026-12-06T00:00:00Z` for a day alone, else the
    /// time and offset as given (without fractions of a second).
    pub fn rfc3339(&self) -> String {
        let (h, m, s, offset) = self.time.unwrap_or((0, 0, 0, 0));
        let zone = match offset {
            0 => "Z".to_string(),
            o => {
                let sign = if o < 0 { '-' } else { '+' };
                format!(
                    "{sign}{:02}:{:02}",
                    o.unsigned_abs() / 60,
                    o.unsigned_abs() % 60
                )
            }
        };
        format!("{}T{h:02}:{m:02}:{s:02}{zone}", self.day_text())
    }

    /// Seconds since 1970-01-01T00:00:00Z: the order of two moments given in different offsets.
    pub fn instant(&self) -> i64 {
        let (h, m, s, offset) = self.time.unwrap_or((0, 0, 0, 0));
        let days = days_from_civil(i64::from(self.year), self.month.into(), self.day.into());
        days * 86_400 + i64::from(h) * 3_600 + i64::from(m) * 60 + i64::from(s)
            - i64::from(offset) * 60
    }
}

/// Today in UTC, from the system's clock (`nnbook new`'s date: a build never reads the clock).
pub fn today_utc() -> LessonDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    LessonDate {
        year: year.clamp(0, 9999) as u16,
        month,
        day,
        time: None,
    }
}

/// The day of the proleptic Gregorian calendar `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<LessonDate, &'static str> {
        LessonDate::from_toml(&text.parse::<Datetime>().unwrap())
    }

    #[test]
    fn days_and_moments_read_and_write_as_rfc_3339() {
        let day = read("2026-12-06").unwrap();
        assert_eq!(day.day_text(), "2026-12-06");
        assert_eq!(day.rfc3339(), "2026-12-06T00:00:00Z");
        let east = read("2026-12-06T09:30:00+08:00").unwrap();
        assert_eq!(east.rfc3339(), "2026-12-06T09:30:00+08:00");
        assert_eq!(
            read("2026-12-06 09:30:05.25z").unwrap().rfc3339(),
            "2026-12-06T09:30:05Z"
        );
        assert_eq!(
            read("2026-12-06T09:30:00-03:30").unwrap().rfc3339(),
            "2026-12-06T09:30:00-03:30"
        );
        assert_eq!(read("09:30:00"), Err("a time of day without its date"));
        assert_eq!(
            read("2026-12-06T09:30:00"),
            Err("a date and time without its offset from UTC")
        );
    }

    #[test]
    fn days_go_both_ways() {
        for days in (-800_000..800_000)
            .step_by(997)
            .chain([0, -1, 59, 60, 10_956, 20_793])
        {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m.into(), d.into()), days, "{y}-{m}-{d}");
        }
        // (`date -u -d @0`, `-d 2000-02-29`, `-d 2026-12-06`.)
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_793), (2026, 12, 6));
    }

    #[test]
    fn instants_are_unix_time() {
        // (Values from `date -u -d ... +%s`.)
        assert_eq!(read("1970-01-01").unwrap().instant(), 0);
        assert_eq!(read("2000-03-01").unwrap().instant(), 951_868_800);
        assert_eq!(read("2026-12-06").unwrap().instant(), 1_796_515_200);
        assert_eq!(
            read("2026-12-06T09:30:00+08:00").unwrap().instant(),
            1_796_520_600
        );
        assert_eq!(read("1969-12-31T23:59:59Z").unwrap().instant(), -1);
        assert_eq!(read("1900-02-28").unwrap().instant(), -2_203_977_600);
    }
}
