//! The worked example of docs/reference/auth-and-signing.md §6, byte for byte, plus clientData and base64url rules.

use super::super::*;

const PKCS8: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g
-----END PRIVATE KEY-----
";
const SPKI: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=
-----END PUBLIC KEY-----
";
const CHALLENGE: &str = "Y2gtZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMQ";
const CLIENT_DATA_B64: &str = "eyJ0eXBlIjoia2V5LmdldCIsImNoYWxsZW5nZSI6IlkyZ3RabWxqZERFdFpHVnRiekl0TURBd01EQXdNREF3TURBd01EQXdNUSJ9";
const SIG_HEX: &str = "5961b2a2a440c24a436ede3b09a0a6c053520647c825670835e7dfac90bd18965c805e2ff5b9f789edd1b4e8251a37fb80fd259182992249dde583f0b0afa10d";
const SIG_B64: &str =
    "WWGyoqRAwkpDbt47CaCmwFNSBkfIJWcINeffrJC9GJZcgF4v9bn3ie3RtOglGjf7gP0lkYKZIknd5YPwsK-hDQ";
const LENIENT_SIG_B64: &str =
    "2V4ozBN7VK6Hb7hlzb-06N3EWccnv4GyJfFEFlWqhJLjbtEbFAacKgApwMcq0cyJGvctQkZZSEhIcO68AYJXDQ";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn worked_example_key_loads_and_exports_the_documented_forms() {
    let key = PrivateKey::from_pem(PKCS8).unwrap();
    assert_eq!(key.algorithm(), KeyAlgorithm::Ed25519);
    assert_eq!(key.public_key().to_spki_pem(), SPKI);
    // Our PKCS#8 export is the v1 form of the document, byte for byte.
    assert_eq!(key.to_pkcs8_pem().unwrap().expose(), PKCS8);
    assert_eq!(PublicKey::from_pem(SPKI).unwrap(), key.public_key());
}

#[test]
fn worked_example_client_data_is_the_documented_75_bytes() {
    let data = client_data(CHALLENGE);
    assert_eq!(data.len(), 75);
    assert_eq!(
        data,
        br#"{"type":"key.get","challenge":"Y2gtZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMQ"}"#
    );
    assert_eq!(b64url(&data), CLIENT_DATA_B64);
}

#[test]
fn worked_example_signature_is_reproduced_and_verifies() {
    let key = PrivateKey::from_pem(PKCS8).unwrap();
    let assertion = sign_challenge(&key, CHALLENGE).unwrap();
    assert_eq!(hex(&assertion.signature), SIG_HEX);
    assert_eq!(assertion.signature_b64url(), SIG_B64);
    assert_eq!(assertion.client_data_b64url(), CLIENT_DATA_B64);

    let public = PublicKey::from_pem(SPKI).unwrap();
    let data = b64url_decode(CLIENT_DATA_B64).unwrap();
    public
        .verify(&data, &b64url_decode(SIG_B64).unwrap())
        .unwrap();
}

#[test]
fn worked_example_leniency_vector_with_origin_verifies() {
    let data = format!(
        r#"{{"type":"key.get","challenge":"{CHALLENGE}","origin":"https://ops.example.invalid","crossOrigin":false}}"#
    );
    let key = PrivateKey::from_pem(PKCS8).unwrap();
    assert_eq!(b64url(&key.sign(data.as_bytes()).unwrap()), LENIENT_SIG_B64);
    let public = PublicKey::from_pem(SPKI).unwrap();
    public
        .verify(data.as_bytes(), &b64url_decode(LENIENT_SIG_B64).unwrap())
        .unwrap();
    // The vectors are not interchangeable.
    let err = public.verify(
        &client_data(CHALLENGE),
        &b64url_decode(LENIENT_SIG_B64).unwrap(),
    );
    assert_eq!(
        err,
        Err(VerifyError::Mismatch {
            algorithm: KeyAlgorithm::Ed25519
        })
    );
}

#[test]
fn client_data_escapes_the_challenge_like_serde_json_and_keeps_key_order() {
    for challenge in [
        "",
        "plain",
        "quote\"back\\slash",
        "tab\tnl\n\u{1}",
        "é€😀",
        "</script>",
    ] {
        let data = client_data(challenge);
        let expected = format!(
            r#"{{"type":"key.get","challenge":{}}}"#,
            serde_json::to_string(challenge).unwrap()
        );
        assert_eq!(String::from_utf8(data.clone()).unwrap(), expected);
        let parsed: serde_json::Value = serde_json::from_slice(&data).unwrap();
        assert_eq!(parsed["type"], "key.get");
        assert_eq!(parsed["challenge"], challenge);
    }
}

#[test]
fn b64url_emits_no_padding_and_decodes_padded_or_not() {
    assert_eq!(b64url(b"a"), "YQ");
    assert_eq!(b64url(b"ab"), "YWI");
    assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
    for input in ["YQ", "YQ==", " YQ\n"] {
        assert_eq!(b64url_decode(input).unwrap(), b"a");
    }
    assert_eq!(b64url_decode("YWI=").unwrap(), b"ab");
    assert_eq!(b64url_decode("-_8").unwrap(), [0xfb, 0xff]);
    assert_eq!(b64url_decode("").unwrap(), b"");
    // The standard alphabet is not base64url.
    assert_eq!(
        b64url_decode("+/8"),
        Err(DecodeError::InvalidByte { offset: 0 })
    );
    assert_eq!(
        b64url_decode("Y"),
        Err(DecodeError::InvalidLength { len: 1 })
    );
    assert_eq!(b64url_decode("YR"), Err(DecodeError::InvalidLastSymbol));
    assert!(b64url_decode("Y=Q").is_err());
    let long: Vec<u8> = (0..=255).collect();
    assert_eq!(b64url_decode(&b64url(&long)).unwrap(), long);
}

#[test]
fn algorithm_display_names() {
    let names: Vec<String> = KeyAlgorithm::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(names, ["Ed25519", "ECDSA P-256", "ECDSA secp256k1", "RSA"]);
}
