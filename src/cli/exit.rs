//! The one place that turns an API error into an exit code and a message with a next step.

use crate::dfns::error::{ApiError, Class};

use super::Exit;

/// The exit codes README promises: 1 when the API refused, 2 for configuration, 3 when the API could not be
/// reached or kept failing. A state-changing request with an unknown outcome is 3: the
/// caller must re-read before doing anything else.
pub fn exit_for(e: &ApiError) -> Exit {
    match e.class() {
        Class::Refused => Exit::Refused,
        Class::Unavailable | Class::OutcomeUnknown => Exit::Unavailable,
        Class::Config => Exit::Usage,
        // Accepted: the approvers decide from here; nothing failed.
        Class::Held => Exit::Ok,
    }
}

/// Prints `error: {what}: {e}` and the hint on stderr; returns the exit code.
pub fn report(what: &str, e: &ApiError, profile: &str) -> Exit {
    eprintln!("error: {what}: {e}");
    if let Some(h) = e.next_step(Some(profile)) {
        eprintln!("hint: {h}");
    }
    exit_for(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_configuration_and_unavailability_get_their_codes() {
        let http = |s| ApiError::from_response(s, "{}", None);
        assert_eq!(exit_for(&http(400)), Exit::Refused);
        assert_eq!(exit_for(&http(403)), Exit::Refused);
        assert_eq!(exit_for(&http(404)), Exit::Refused);
        assert_eq!(exit_for(&http(409)), Exit::Refused);
        assert_eq!(exit_for(&http(429)), Exit::Unavailable);
        assert_eq!(exit_for(&http(503)), Exit::Unavailable);
        assert_eq!(
            exit_for(&ApiError::OutcomeUnknown("reset".into())),
            Exit::Unavailable
        );
        assert_eq!(
            exit_for(&ApiError::Connect {
                host: "h".into(),
                detail: "refused".into()
            }),
            Exit::Unavailable
        );
        assert_eq!(exit_for(&ApiError::NoSigner), Exit::Usage);
        assert_eq!(exit_for(&ApiError::Credential("x".into())), Exit::Usage);
    }

    #[test]
    fn hints_name_the_next_step() {
        let e = ApiError::from_response(401, "{}", None);
        assert!(
            e.next_step(Some("prod"))
                .unwrap()
                .contains("profile 'prod'")
        );
        assert!(e.next_step(None).unwrap().contains("the profile's token"));
        assert!(
            ApiError::from_response(400, "{}", None)
                .next_step(Some("p"))
                .is_none()
        );
    }
}
