//! Record → ISO 19115-3 mdb:MD_Metadata, elements in schema order; what `iso3_read` reads
//! back as the same record. Used for records without a 19115-3 original of their own.

mod contact;
mod distribution;
mod identification;
mod values;

use moisson_model::Record;

use crate::ns::{
    CIT, GCO3, GCX, GEX, GML32, LAN, MCC, MCO, MDB, MDQ, MMI, MRD, MRI, MRL, MRS, SRV3, XLINK, XSI,
};
use crate::xml::Xml;
use values::{
    ci_date, code, free_text, identifier, locale, locale_id, locale_with_id, opt_string, req_string,
};

/// Writes the mdb:MD_Metadata element with its namespace declarations.
pub(crate) fn write(r: &Record) -> String {
    let mut x = Xml::new();
    let namespaces = [
        ("xmlns:mdb", MDB),
        ("xmlns:cit", CIT),
        ("xmlns:mri", MRI),
        ("xmlns:srv", SRV3),
        ("xmlns:gex", GEX),
        ("xmlns:lan", LAN),
        ("xmlns:mcc", MCC),
        ("xmlns:mco", MCO),
        ("xmlns:mmi", MMI),
        ("xmlns:mrd", MRD),
        ("xmlns:mrl", MRL),
        ("xmlns:mrs", MRS),
        ("xmlns:mdq", MDQ),
        ("xmlns:gco", GCO3),
        ("xmlns:gcx", GCX),
        ("xmlns:gml", GML32),
        ("xmlns:xlink", XLINK),
        ("xmlns:xsi", XSI),
    ];
    x.with("mdb:MD_Metadata", &namespaces, |x| metadata(x, r));
    x.finish()
}

fn metadata(x: &mut Xml, r: &Record) {
    if let Some(id) = &r.id {
        x.with("mdb:metadataIdentifier", &[], |x| {
            x.with("mcc:MD_Identifier", &[], |x| {
                opt_string(x, "mcc:code", Some(id.as_str()));
            });
        });
    }
    let m = &r.metadata;
    if m.language.is_some() || m.charset.is_some() {
        locale(
            x,
            "mdb:defaultLocale",
            m.language.as_deref(),
            m.charset.as_deref(),
        );
    }
    if let Some(parent) = &r.parent_id {
        x.empty("mdb:parentMetadata", &[("uuidref", parent)]);
    }
    x.with("mdb:metadataScope", &[], |x| {
        x.with("mdb:MD_MetadataScope", &[], |x| {
            let scope = Some(r.hierarchy_level.as_str());
            code(x, "mdb:resourceScope", "mcc:MD_ScopeCode", scope);
        });
    });
    for c in &r.metadata_contacts {
        contact::responsibility(x, "mdb:contact", c);
    }
    if let Some(stamp) = &m.date_stamp {
        ci_date(x, "mdb:dateInfo", stamp, Some("revision"));
    }
    if m.standard_name.is_some() || m.standard_version.is_some() {
        x.with("mdb:metadataStandard", &[], |x| {
            x.with("cit:CI_Citation", &[], |x| {
                req_string(x, "cit:title", m.standard_name.as_deref());
                opt_string(x, "cit:edition", m.standard_version.as_deref());
            });
        });
    }
    // One locale per language the translations use, named as their locale references.
    for lang in r.translation_languages() {
        let id = locale_id(lang);
        locale_with_id(x, "mdb:otherLocale", Some(&id), Some(lang), Some("utf8"));
    }
    for rs in &r.reference_systems {
        x.with("mdb:referenceSystemInfo", &[], |x| {
            x.with("mrs:MD_ReferenceSystem", &[], |x| {
                x.with("mrs:referenceSystemIdentifier", &[], |x| identifier(x, rs));
            });
        });
    }
    x.with("mdb:identificationInfo", &[], |x| {
        identification::write(x, r)
    });
    distribution::write(x, r);
    distribution::write_quality(x, r);
    if let Some(lineage) = &r.lineage {
        x.with("mdb:resourceLineage", &[], |x| {
            x.with("mrl:LI_Lineage", &[], |x| {
                free_text(x, "mrl:statement", lineage, &r.lineage_i18n);
            });
        });
    }
}
