//! Server clock skew from the `Date` header, so countdowns follow the server's clock.

use chrono::{DateTime, Duration, Utc};

/// `server - local`, from a `Date` header read when the answer arrived. `Date` has one-second
/// resolution, so a skew under a second is reported as zero.
pub fn skew_from_date(date_header: &str, local_now: DateTime<Utc>) -> Option<Duration> {
    let server = httpdate::parse_http_date(date_header.trim()).ok()?;
    let server: DateTime<Utc> = server.into();
    let skew = server - local_now.with_timezone(&Utc);
    // Ignore sub-second differences: they are the header's rounding, not a clock error.
    Some(if skew.num_seconds() == 0 {
        Duration::zero()
    } else {
        Duration::seconds(skew.num_seconds())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_server_ahead_and_behind() {
        let local = DateTime::parse_from_rfc3339("1994-11-06T08:49:37.400Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            skew_from_date("Sun, 06 Nov 1994 08:50:07 GMT", local),
            Some(Duration::seconds(29))
        );
        assert_eq!(
            skew_from_date("Sun, 06 Nov 1994 08:49:00 GMT", local),
            Some(Duration::seconds(-37))
        );
        assert_eq!(
            skew_from_date("Sun, 06 Nov 1994 08:49:37 GMT", local),
            Some(Duration::zero())
        );
        assert_eq!(skew_from_date("garbage", local), None);
    }
}
