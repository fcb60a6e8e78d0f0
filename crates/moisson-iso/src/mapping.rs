//! The ISO 19139 mapping, written once: each field of the record, where it lives under
//! `gmd:MD_Metadata` and how the writer writes it. `docs/iso-mapping.md` is rendered from
//! this table (a test fails when it drifts), edits are checked field by field against it
//! (`crate::merge`), and the merge tests change each field in turn.

use moisson_model::Record;

/// One field of the record and its place in ISO 19139.
#[derive(Debug, Clone, Copy)]
pub struct FieldMapping {
    /// The field as the REST JSON names it (`metadata.language`, `service.operates_on`).
    pub field: &'static str,
    /// Element paths under `gmd:MD_Metadata`; `*` stands for the identification element
    /// (`gmd:MD_DataIdentification` or `srv:SV_ServiceIdentification`).
    pub paths: &'static [&'static str],
    /// How the writer writes it.
    pub written: &'static str,
    /// Whether the field differs between two records.
    pub differs: fn(&Record, &Record) -> bool,
}

macro_rules! field {
    ($name:literal, [$($path:expr),+ $(,)?], $written:literal, |$r:ident| $get:expr) => {
        FieldMapping {
            field: $name,
            paths: &[$($path),+],
            written: $written,
            differs: |a, b| {
                let get = |$r: &Record| -> _ { $get };
                get(a) != get(b)
            },
        }
    };
}

macro_rules! ident {
    ($rest:literal) => {
        concat!("gmd:identificationInfo/*/", $rest)
    };
}

/// Every field of the record, in the order the writer writes them.
pub const ISO_MAPPING: &[FieldMapping] = &[
    field!("id", ["gmd:fileIdentifier"], "gco:CharacterString", |r| r
        .id
        .clone()),
    field!(
        "metadata.language",
        ["gmd:language"],
        "gmd:LanguageCode (ISO 639-2 code list)",
        |r| r.metadata.language.clone()
    ),
    field!(
        "metadata.charset",
        ["gmd:characterSet"],
        "gmd:MD_CharacterSetCode",
        |r| r.metadata.charset.clone()
    ),
    field!(
        "parent_id",
        ["gmd:parentIdentifier"],
        "gco:CharacterString",
        |r| r.parent_id.clone()
    ),
    field!(
        "hierarchy_level",
        [
            "gmd:hierarchyLevel",
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:scope"
        ],
        "gmd:MD_ScopeCode; also the scope of the data quality written",
        |r| r.hierarchy_level.clone()
    ),
    field!(
        "metadata_contacts",
        ["gmd:contact"],
        "one gmd:CI_ResponsibleParty per contact (names, position, phones, address, e-mails, URL, gmd:CI_RoleCode); nil when none",
        |r| r.metadata_contacts.clone()
    ),
    field!(
        "metadata.date_stamp",
        ["gmd:dateStamp"],
        "gco:Date, or gco:DateTime when it has a time; nil when absent",
        |r| r.metadata.date_stamp.clone()
    ),
    field!(
        "metadata.standard_name",
        ["gmd:metadataStandardName"],
        "gco:CharacterString",
        |r| r.metadata.standard_name.clone()
    ),
    field!(
        "metadata.standard_version",
        ["gmd:metadataStandardVersion"],
        "gco:CharacterString",
        |r| r.metadata.standard_version.clone()
    ),
    field!(
        "reference_systems",
        ["gmd:referenceSystemInfo"],
        "gmd:MD_ReferenceSystem/gmd:referenceSystemIdentifier/gmd:RS_Identifier (code as gco:CharacterString or gmx:Anchor, codeSpace)",
        |r| r.reference_systems.clone()
    ),
    field!(
        "title",
        [ident!("gmd:citation/gmd:CI_Citation/gmd:title")],
        "gco:CharacterString (PT_FreeText translations of the original kept)",
        |r| r.title.clone()
    ),
    field!(
        "title_i18n",
        [
            ident!("gmd:citation/gmd:CI_Citation/gmd:title/gmd:PT_FreeText"),
            "gmd:locale"
        ],
        "gmd:PT_FreeText/gmd:textGroup/gmd:LocalisedCharacterString per language (locale `#` and the code in capitals, declared by a gmd:locale/gmd:PT_Locale); the title then has xsi:type gmd:PT_FreeText_PropertyType",
        |r| r.title_i18n.clone()
    ),
    field!(
        "alternate_titles",
        [ident!("gmd:citation/gmd:CI_Citation/gmd:alternateTitle")],
        "gco:CharacterString, one per title",
        |r| r.alternate_titles.clone()
    ),
    field!(
        "dates",
        [ident!("gmd:citation/gmd:CI_Citation/gmd:date")],
        "gmd:CI_Date (gco:Date or gco:DateTime, gmd:CI_DateTypeCode); nil when none",
        |r| r.dates.clone()
    ),
    field!(
        "identifiers",
        [ident!("gmd:citation/gmd:CI_Citation/gmd:identifier")],
        "gmd:MD_Identifier, gmd:RS_Identifier when there is a codeSpace; code as gmx:Anchor when it has a URI",
        |r| r.identifiers.clone()
    ),
    field!(
        "abstract",
        [ident!("gmd:abstract")],
        "gco:CharacterString",
        |r| r.abstract_text.clone()
    ),
    field!(
        "abstract_i18n",
        [ident!("gmd:abstract/gmd:PT_FreeText"), "gmd:locale"],
        "as title_i18n",
        |r| r.abstract_i18n.clone()
    ),
    field!(
        "purpose",
        [ident!("gmd:purpose")],
        "gco:CharacterString",
        |r| r.purpose.clone()
    ),
    field!(
        "status",
        [ident!("gmd:status")],
        "gmd:MD_ProgressCode, one per value",
        |r| r.status.clone()
    ),
    field!(
        "contacts",
        [ident!("gmd:pointOfContact")],
        "one gmd:CI_ResponsibleParty per contact, as metadata_contacts",
        |r| r.contacts.clone()
    ),
    field!(
        "maintenance_frequency",
        [ident!(
            "gmd:resourceMaintenance/gmd:MD_MaintenanceInformation/gmd:maintenanceAndUpdateFrequency"
        )],
        "gmd:MD_MaintenanceFrequencyCode (the other maintenance elements of the original kept)",
        |r| r.maintenance_frequency.clone()
    ),
    field!(
        "overviews",
        [ident!("gmd:graphicOverview")],
        "gmd:MD_BrowseGraphic (fileName, fileDescription, fileType)",
        |r| r.overviews.clone()
    ),
    field!(
        "keywords",
        [ident!("gmd:descriptiveKeywords")],
        "one gmd:MD_Keywords per group: gmd:keyword (gco:CharacterString or gmx:Anchor; its `text_i18n` as gmd:PT_FreeText beside it, as title_i18n), gmd:MD_KeywordTypeCode, thesaurus gmd:CI_Citation",
        |r| r.keywords.clone()
    ),
    field!(
        "constraints",
        [ident!("gmd:resourceConstraints")],
        "gmd:MD_Constraints, gmd:MD_LegalConstraints (access, use, other constraints; the licence as another constraint) or gmd:MD_SecurityConstraints; the `text_i18n` of a use limitation or other constraint as gmd:PT_FreeText beside it",
        |r| r.constraints.clone()
    ),
    field!(
        "relations",
        [ident!("gmd:aggregationInfo")],
        "gmd:MD_AggregateInformation per identifier: aggregateDataSetIdentifier/gmd:MD_Identifier/gmd:code, associationType crossReference (read: the code of any aggregateDataSetIdentifier)",
        |r| r.relations.clone()
    ),
    field!(
        "spatial_resolutions",
        [ident!("gmd:spatialResolution")],
        "gmd:MD_Resolution: equivalentScale denominator (gco:Integer) or distance (gco:Distance with uom); datasets only",
        |r| r.spatial_resolutions.clone()
    ),
    field!(
        "resource_languages",
        [ident!("gmd:language")],
        "gmd:LanguageCode, one per language; nil when none; datasets only",
        |r| r.resource_languages.clone()
    ),
    field!(
        "topic_categories",
        [ident!("gmd:topicCategory")],
        "gmd:MD_TopicCategoryCode (ISO values only); datasets only",
        |r| r.topic_categories.clone()
    ),
    field!(
        "extents",
        [ident!("gmd:extent"), ident!("srv:extent")],
        "one gmd:EX_Extent per extent: gmd:EX_GeographicBoundingBox (gco:Decimal) with its description, or gmd:EX_GeographicDescription",
        |r| r.extents.clone()
    ),
    field!(
        "temporal_extents",
        [ident!("gmd:extent"), ident!("srv:extent")],
        "one gmd:EX_Extent per period: gml:TimePeriod (GML 3.2), open ends unknown, ongoing end now",
        |r| r.temporal_extents.clone()
    ),
    field!(
        "service.service_type",
        [ident!("srv:serviceType")],
        "gco:LocalName; nil when absent",
        |r| r.service.as_ref().map(|s| s.service_type.clone())
    ),
    field!(
        "service.service_type_versions",
        [ident!("srv:serviceTypeVersion")],
        "gco:CharacterString, one per version",
        |r| r.service.as_ref().map(|s| s.service_type_versions.clone())
    ),
    field!(
        "service.coupled_resources",
        [ident!("srv:coupledResource")],
        "srv:SV_CoupledResource (operationName, identifier as gco:CharacterString, gco:ScopedName)",
        |r| r.service.as_ref().map(|s| s.coupled_resources.clone())
    ),
    field!(
        "service.coupling_type",
        [ident!("srv:couplingType")],
        "srv:SV_CouplingType; nil when absent",
        |r| r.service.as_ref().map(|s| s.coupling_type.clone())
    ),
    field!(
        "service.operations",
        [ident!("srv:containsOperations")],
        "srv:SV_OperationMetadata (operationName, srv:DCPList, connectPoint gmd:CI_OnlineResource with its linkage and the protocol of the same rank); nil when none",
        |r| r.service.as_ref().map(|s| s.operations.clone())
    ),
    field!(
        "service.operates_on",
        [ident!("srv:operatesOn")],
        "empty srv:operatesOn with uuidref and xlink:href",
        |r| r.service.as_ref().map(|s| s.operates_on.clone())
    ),
    field!(
        "formats",
        [
            "gmd:distributionInfo/gmd:MD_Distribution/gmd:distributionFormat",
            "gmd:distributionInfo/gmd:MD_Distribution/gmd:distributor/gmd:MD_Distributor/gmd:distributorFormat"
        ],
        "gmd:MD_Format (name as gco:CharacterString or gmx:Anchor, version or nil); read also from a distributor's formats, which give way when the formats are rewritten whole",
        |r| r.formats.clone()
    ),
    field!(
        "online_resources",
        [
            "gmd:distributionInfo/gmd:MD_Distribution/gmd:transferOptions",
            "gmd:distributionInfo/gmd:MD_Distribution/gmd:distributor/gmd:MD_Distributor/gmd:distributorTransferOptions"
        ],
        "gmd:MD_DigitalTransferOptions/gmd:onLine/gmd:CI_OnlineResource (linkage, protocol, name, description, gmd:CI_OnLineFunctionCode); read also from a distributor's transfer options, which give way when they are rewritten whole",
        |r| r.online_resources.clone()
    ),
    field!(
        "conformity",
        [
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:report",
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:scope"
        ],
        "gmd:DQ_DomainConsistency/gmd:result/gmd:DQ_ConformanceResult (specification gmd:CI_Citation, explanation, gco:Boolean pass or nil)",
        |r| r.conformity.clone()
    ),
    field!(
        "lineage",
        [
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage",
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:scope"
        ],
        "gmd:LI_Lineage/gmd:statement (gco:CharacterString); the first statement is read; a new gmd:DQ_DataQuality is scoped at the hierarchy level",
        |r| r.lineage.clone()
    ),
    field!(
        "lineage_i18n",
        [
            "gmd:dataQualityInfo/gmd:DQ_DataQuality/gmd:lineage/gmd:LI_Lineage/gmd:statement/gmd:PT_FreeText",
            "gmd:locale"
        ],
        "as title_i18n",
        |r| r.lineage_i18n.clone()
    ),
];

/// The mapped fields that differ between two records; `unmapped fields` when the records
/// differ (catalogue information aside) in a field the table does not name.
#[must_use]
pub fn differing_fields(a: &Record, b: &Record) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = ISO_MAPPING
        .iter()
        .filter(|m| (m.differs)(a, b))
        .map(|m| m.field)
        .collect();
    let service_kind_changed = a.service.is_some() != b.service.is_some();
    if service_kind_changed {
        out.push("service");
    }
    let without_catalogue = |r: &Record| Record {
        catalogue: moisson_model::CatalogueInfo::default(),
        ..r.clone()
    };
    if out.is_empty() && without_catalogue(a) != without_catalogue(b) {
        out.push("unmapped fields");
    }
    out
}

/// The mapping as the Markdown table of `docs/iso-mapping.md`.
#[must_use]
pub fn markdown() -> String {
    let mut out = String::from(
        "# ISO 19139 mapping\n\n\
         Generated from `crates/moisson-iso/src/mapping.rs` (the test `mapping_doc_is_current` \
         fails when this file drifts; `UPDATE_DOCS=1 cargo test -p moisson-iso mapping` rewrites \
         it). Paths are under `gmd:MD_Metadata`; `*` is `gmd:MD_DataIdentification` or \
         `srv:SV_ServiceIdentification`.\n\n\
         An edit of a record that keeps an ISO 19139 original (a JSON edit through REST, a CSW-T \
         `RecordProperty` update, a harvest without a document) is merged into it: only the \
         elements of the fields that changed are rewritten, in place; every other element, \
         attribute, namespace declaration and translation stays as written.\n\n\
         The same walk merges edits into a kept ISO 19115-3 document (with the 19115-3 writer \
         and reader: `tests/it/merge_iso3.rs` lists the few edits it still refuses) and into a \
         Dublin Core `csw:Record`. Kept documents of other kinds (brief and summary Dublin Core \
         records, Dublin Core in RDF/XML, FGDC) are dropped by an edit: exports then write the \
         record from the model. A merge whose result would not read back as the edited record \
         is refused the same way. A write that carries a whole document (REST XML, CSW-T \
         Insert/Update of a record, an import or a harvest of a document) replaces the kept \
         one as sent.\n\n\
         Translations (`*_i18n`, and `text_i18n` of keywords, thesaurus titles and \
         constraints) and service couplings (`service.coupled_resources`, `operates_on`, the \
         `protocols` of operations) are fields of the record, shown and edited through REST; \
         REST also shows, on a service, the local records its `operates_on` names \
         (`operatesOnRecords`, under the caller's rights).\n\n\
         | Field | ISO 19139 location(s) | Written as |\n|---|---|---|\n",
    );
    for m in ISO_MAPPING {
        let paths: Vec<String> = m.paths.iter().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            m.field,
            paths.join("<br>"),
            m.written
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Naming every field of the record here makes a new field a compile error until the
    /// table says where it goes.
    #[test]
    fn every_record_field_is_mapped() {
        let Record {
            id: _,
            parent_id: _,
            metadata: _,
            hierarchy_level: _,
            metadata_contacts: _,
            title: _,
            title_i18n: _,
            alternate_titles: _,
            abstract_text: _,
            abstract_i18n: _,
            purpose: _,
            status: _,
            dates: _,
            identifiers: _,
            contacts: _,
            keywords: _,
            topic_categories: _,
            spatial_resolutions: _,
            resource_languages: _,
            extents: _,
            temporal_extents: _,
            reference_systems: _,
            constraints: _,
            formats: _,
            online_resources: _,
            lineage: _,
            lineage_i18n: _,
            conformity: _,
            maintenance_frequency: _,
            overviews: _,
            service: _,
            relations: _,
            catalogue: _,
        } = Record::default();
        assert_eq!(ISO_MAPPING.len(), 41);
        assert!(ISO_MAPPING.iter().all(|m| !m.paths.is_empty()));
    }
}
