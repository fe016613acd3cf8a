//! Lenient PEM armor reading and the few ASN.1 peeks needed to dispatch on algorithm and curve.
//! Hand-rolled rather than `pem-rfc7468` so that CRLF, indentation (keys pasted into TOML),
//! literal `\n` escapes (keys kept in env vars) and OpenSSL's leading `EC PARAMETERS` block load.

use base64::Engine as _;
use p256::elliptic_curve::zeroize::Zeroizing;
use pkcs8::ObjectIdentifier;
use pkcs8::der::asn1::{Any, ContextSpecific, OctetStringRef};
use pkcs8::der::{Decode, Reader, SliceReader, Tag, TagNumber, Tagged};

use super::KeyError;

pub(super) const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(super) const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(super) const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(super) const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
pub(super) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// One decoded PEM block. The DER is wiped on drop because it may be a private key.
pub(super) struct Block {
    pub label: String,
    pub der: Zeroizing<Vec<u8>>,
}

/// The first PEM block of `text`, skipping OpenSSL's `EC PARAMETERS` preamble
/// (`openssl ecparam -genkey` without `-noout` writes it before the key).
pub(super) fn first_block(text: &str) -> Result<Block, KeyError> {
    // A key stored in an env var or JSON string often has literal `\n` instead of newlines.
    let unescaped;
    let text = if !text.trim().contains('\n') && text.contains("\\n") {
        unescaped = Zeroizing::new(text.replace("\\r\\n", "\n").replace("\\n", "\n"));
        unescaped.as_str()
    } else {
        text
    };
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = begin_label(line) else {
            continue;
        };
        let label = sanitize(label);
        let mut body = Zeroizing::new(String::new());
        let mut closed = false;
        let mut legacy_encrypted = false;
        for line in lines.by_ref() {
            if line.starts_with("-----END ") {
                if end_label(line).map(sanitize).as_deref() != Some(label.as_str()) {
                    return Err(malformed(&label, "its END line names a different label"));
                }
                closed = true;
                break;
            }
            if line.contains(':') {
                // RFC 1421 headers: OpenSSL's legacy encryption writes `Proc-Type: 4,ENCRYPTED`.
                legacy_encrypted |= line.to_ascii_uppercase().contains("ENCRYPTED");
                continue;
            }
            body.push_str(line);
        }
        if !closed {
            return Err(malformed(&label, "no matching -----END line"));
        }
        if label == "EC PARAMETERS" {
            continue;
        }
        if legacy_encrypted || label.contains("ENCRYPTED") {
            return Err(KeyError::Encrypted { label });
        }
        let der = base64::engine::general_purpose::STANDARD
            .decode(body.as_bytes())
            .map_err(|_| malformed(&label, "its body is not valid base64"))?;
        return Ok(Block {
            label,
            der: Zeroizing::new(der),
        });
    }
    Err(KeyError::NoPem)
}

fn begin_label(line: &str) -> Option<&str> {
    line.strip_prefix("-----BEGIN ")?.strip_suffix("-----")
}

fn end_label(line: &str) -> Option<&str> {
    line.strip_prefix("-----END ")?.strip_suffix("-----")
}

/// Labels are echoed in errors, so keep them short and printable.
fn sanitize(label: &str) -> String {
    label
        .trim()
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(40)
        .collect()
}

fn malformed(label: &str, reason: &'static str) -> KeyError {
    KeyError::MalformedPem {
        label: label.to_owned(),
        reason,
    }
}

/// What a SEC1 `ECPrivateKey` (RFC 5915) says about its curve:
/// `SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }`.
/// The `sec1` crate does not check `parameters`, so read them here to dispatch and to name odd curves.
pub(super) struct Sec1Curve {
    /// The named curve, `None` when the optional parameters are absent (RustCrypto omits them).
    pub named: Option<ObjectIdentifier>,
    /// Whether the public key is embedded, which lets the curve be inferred by validation.
    pub has_public_key: bool,
}

pub(super) fn sec1_curve(der: &[u8]) -> Result<Sec1Curve, KeyError> {
    let bad = || KeyError::Malformed {
        algorithm: "EC",
        format: "SEC1",
    };
    let mut reader = SliceReader::new(der).map_err(|_| bad())?;
    let (params, public) = reader
        .sequence(|seq| {
            let _version = u8::decode(seq)?;
            let _secret = OctetStringRef::decode(seq)?;
            let params = ContextSpecific::<Any>::decode_explicit(seq, TagNumber::N0)?;
            let public = ContextSpecific::<Any>::decode_explicit(seq, TagNumber::N1)?;
            while !seq.is_finished() {
                let _rest = Any::decode(seq)?;
            }
            Ok((params.map(|p| p.value), public.is_some()))
        })
        .map_err(|_| bad())?;
    let named = match params {
        None => None,
        Some(p) if p.tag() == Tag::ObjectIdentifier => {
            Some(p.decode_as::<ObjectIdentifier>().map_err(|_| bad())?)
        }
        Some(_) => {
            return Err(KeyError::MissingCurve {
                detail: "explicit curve parameters instead of a named curve",
            });
        }
    };
    Ok(Sec1Curve {
        named,
        has_public_key: public,
    })
}
