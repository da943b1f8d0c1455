//! Timestamps as the docs write them, parsed on request; the raw string stays in the field.

use std::fmt;

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
}

/// A timestamp that does not have the documented format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    /// The text found.
    pub value: String,
    /// The format expected, as the docs write it.
    pub expected: &'static str,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a timestamp of the form {}", self.value, self.expected)
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    /// `2020-05-20T03:30:52Z` (RFC 3339, UTC; an offset like `+08:00` is applied).
    pub fn parse_rfc3339(value: &str) -> Result<Timestamp, TimestampError> {
        let error = || TimestampError { value: value.to_string(), expected: "2020-05-20T03:30:52Z" };
        let (date_time, offset) = match value.strip_suffix(['Z', 'z']) {
            Some(rest) => (rest, 0),
            None => {
                let split = value.len().checked_sub(6).ok_or_else(error)?;
                let (rest, zone) = value.split_at(split);
                let sign = match zone.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(error()),
                };
                let hours: i64 = zone.get(1..3).and_then(|h| h.parse().ok()).ok_or_else(error)?;
                let minutes: i64 = zone.get(4..6).and_then(|m| m.parse().ok()).ok_or_else(error)?;
                (rest, sign * (hours * 3600 + minutes * 60))
            }
        };
        let (date, time) = date_time.split_once(['T', 't']).ok_or_else(error)?;
        let time = time.split('.').next().unwrap_or(time);
        Ok(Timestamp { unix_seconds: seconds(date, time).ok_or_else(error)? - offset })
    }

    /// `2016-01-02 15:04:05`, in UTC.
    pub fn parse_datetime(value: &str) -> Result<Timestamp, TimestampError> {
        let error = || TimestampError { value: value.to_string(), expected: "2016-01-02 15:04:05" };
        let (date, time) = value.split_once(' ').ok_or_else(error)?;
        Ok(Timestamp { unix_seconds: seconds(date, time).ok_or_else(error)? })
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339, UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, of_day) = (self.unix_seconds.div_euclid(86_400), self.unix_seconds.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        write!(f, "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
    }
}

/// `YYYY-MM-DD` and `HH:MM:SS` to seconds since the epoch, when both are valid.
fn seconds(date: &str, time: &str) -> Option<i64> {
    let mut date = date.splitn(3, '-').map(|part| part.parse::<i64>().ok());
    let (year, month, day) = (date.next()??, date.next()??, date.next()??);
    let mut time = time.splitn(3, ':').map(|part| part.parse::<i64>().ok());
    let (hour, minute, second) = (time.next()??, time.next()??, time.next()??);
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60 && second < 61;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a Gregorian date (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_documented_forms() {
        let rfc = Timestamp::parse_rfc3339("2020-05-20T03:30:52Z").unwrap();
        assert_eq!(rfc.unix_seconds, 1_589_945_452);
        assert_eq!(rfc.to_string(), "2020-05-20T03:30:52Z");
        assert_eq!(Timestamp::parse_rfc3339("2020-05-20T11:30:52+08:00"), Ok(rfc));
        let plain = Timestamp::parse_datetime("2023-07-26 09:33:58").unwrap();
        assert_eq!(plain.to_string(), "2023-07-26T09:33:58Z");
        assert!(Timestamp::parse_datetime("2023-07-26T09:33:58Z").is_err());
        assert_eq!(
            Timestamp::parse_rfc3339("yesterday").unwrap_err().to_string(),
            "\"yesterday\" is not a timestamp of the form 2020-05-20T03:30:52Z"
        );
    }
}
