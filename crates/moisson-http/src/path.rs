//! Record identifiers taken from the path: tail matches percent-decoded once, so that
//! `FR-1%2Fplu` and `FR-1/plu` name the same record.

use actix_web::HttpRequest;
use percent_encoding::percent_decode_str;

use crate::Invalid;

/// The path segment `name` of the matched route (empty when absent), percent-decoded.
pub fn path_id(req: &HttpRequest, name: &str) -> Result<String, Invalid> {
    decode(req.match_info().get(name).unwrap_or_default())
}

/// Percent-decodes `raw` once; refused when the bytes are not UTF-8.
pub fn decode(raw: &str) -> Result<String, Invalid> {
    percent_decode_str(raw)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| Invalid::new("not UTF-8 once decoded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_once() {
        assert_eq!(decode("FR-1%2Fplu").as_deref(), Ok("FR-1/plu"));
        assert_eq!(decode("FR-1/plu").as_deref(), Ok("FR-1/plu"));
        assert_eq!(decode("a%252F").as_deref(), Ok("a%2F"));
        assert_eq!(decode("%FF"), Err(Invalid("not UTF-8 once decoded".into())));
    }

    #[test]
    fn reads_the_named_segment() {
        let req = actix_web::test::TestRequest::default()
            .param("id", "x%3Ay")
            .to_http_request();
        assert_eq!(path_id(&req, "id").as_deref(), Ok("x:y"));
        assert_eq!(path_id(&req, "other").as_deref(), Ok(""));
    }
}
