//! INSPIRE Discovery TG: GetCapabilities `LANGUAGE` picks the response language among the
//! configured ones; any other value gets the default language.

use crate::support::{CSW_XSD, app, env_with, get, post, texts, validate};

/// `inspire_common:ResponseLanguage/inspire_common:Language`.
fn response_language(xml: &str) -> String {
    let (_, after) = xml
        .split_once("<inspire_common:ResponseLanguage>")
        .unwrap_or_else(|| panic!("no ResponseLanguage in {xml}"));
    texts(after, "inspire_common:Language")[0].clone()
}

#[actix_web::test]
async fn language_parameter_selects_a_supported_language() {
    // Default configuration: fre (default), eng.
    let env = env_with(Vec::new()).await;
    let app = app(&env).await;
    for (query, expected) in [
        ("", "fre"),
        ("&LANGUAGE=eng", "eng"),
        ("&language=ENG", "eng"),
        ("&LANGUAGE=fre", "fre"),
        ("&LANGUAGE=ger", "fre"),
    ] {
        let (status, xml) = get(&app, &format!("service=CSW&request=GetCapabilities{query}")).await;
        assert_eq!(status, 200, "{xml}");
        validate(&xml, CSW_XSD);
        assert_eq!(response_language(&xml), expected, "{query}");
        let default = xml
            .split_once("<inspire_common:DefaultLanguage>")
            .map(|(_, a)| texts(a, "inspire_common:Language")[0].clone());
        assert_eq!(
            default.as_deref(),
            Some("fre"),
            "the default stays the default"
        );
    }
    let body = r#"<csw:GetCapabilities xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" language="eng"/>"#;
    let (_, xml) = post(&app, body, None).await;
    validate(&xml, CSW_XSD);
    assert_eq!(response_language(&xml), "eng");
}
