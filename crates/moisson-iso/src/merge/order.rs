//! The order of children that the ISO 19139 schemas prescribe for the elements the
//! writer writes into, so that an element the original lacked is inserted where the
//! schema wants it, among the original's own elements the writer does not know
//! (`gmd:credit`, `gmd:aggregationInfo`, `gmd:hierarchyLevelName` …).

const METADATA: &[&str] = &[
    "fileIdentifier",
    "language",
    "characterSet",
    "parentIdentifier",
    "hierarchyLevel",
    "hierarchyLevelName",
    "contact",
    "dateStamp",
    "metadataStandardName",
    "metadataStandardVersion",
    "dataSetURI",
    "locale",
    "spatialRepresentationInfo",
    "referenceSystemInfo",
    "metadataExtensionInfo",
    "identificationInfo",
    "contentInfo",
    "distributionInfo",
    "dataQualityInfo",
    "portrayalCatalogueInfo",
    "metadataConstraints",
    "applicationSchemaInfo",
    "metadataMaintenance",
    "series",
    "describes",
    "propertyType",
    "featureType",
    "featureAttribute",
    "acquisitionInformation",
];

/// AbstractMD_Identification, then MD_DataIdentification's and SV_ServiceIdentification's
/// own elements (a record has one or the other).
const IDENTIFICATION: &[&str] = &[
    "citation",
    "abstract",
    "purpose",
    "credit",
    "status",
    "pointOfContact",
    "resourceMaintenance",
    "graphicOverview",
    "resourceFormat",
    "descriptiveKeywords",
    "resourceSpecificUsage",
    "resourceConstraints",
    "aggregationInfo",
    "spatialRepresentationType",
    "spatialResolution",
    "language",
    "characterSet",
    "topicCategory",
    "environmentDescription",
    "serviceType",
    "serviceTypeVersion",
    "accessProperties",
    "restrictions",
    "keywords",
    "extent",
    "supplementalInformation",
    "coupledResource",
    "couplingType",
    "containsOperations",
    "operatesOn",
];

const CITATION: &[&str] = &[
    "title",
    "alternateTitle",
    "date",
    "edition",
    "editionDate",
    "identifier",
    "citedResponsibleParty",
    "presentationForm",
    "series",
    "otherCitationDetails",
    "collectiveTitle",
    "ISBN",
    "ISSN",
];

const SEQUENCES: &[(&str, &[&str])] = &[
    ("MD_Metadata", METADATA),
    ("MD_DataIdentification", IDENTIFICATION),
    ("SV_ServiceIdentification", IDENTIFICATION),
    ("CI_Citation", CITATION),
    (
        "MD_Distribution",
        &["distributionFormat", "distributor", "transferOptions"],
    ),
    (
        "MD_DigitalTransferOptions",
        &["unitsOfDistribution", "transferSize", "onLine", "offLine"],
    ),
    ("DQ_DataQuality", &["scope", "report", "lineage"]),
    (
        "CI_ResponsibleParty",
        &[
            "individualName",
            "organisationName",
            "positionName",
            "contactInfo",
            "role",
        ],
    ),
    (
        "CI_Contact",
        &[
            "phone",
            "address",
            "onlineResource",
            "hoursOfService",
            "contactInstructions",
        ],
    ),
    (
        "CI_Address",
        &[
            "deliveryPoint",
            "city",
            "administrativeArea",
            "postalCode",
            "country",
            "electronicMailAddress",
        ],
    ),
    (
        "CI_OnlineResource",
        &[
            "linkage",
            "protocol",
            "applicationProfile",
            "name",
            "description",
            "function",
        ],
    ),
    ("MD_Keywords", &["keyword", "type", "thesaurusName"]),
    ("MD_Constraints", &["useLimitation"]),
    (
        "MD_LegalConstraints",
        &[
            "useLimitation",
            "accessConstraints",
            "useConstraints",
            "otherConstraints",
        ],
    ),
    (
        "MD_SecurityConstraints",
        &[
            "useLimitation",
            "classification",
            "userNote",
            "classificationSystem",
            "handlingDescription",
        ],
    ),
    (
        "EX_Extent",
        &[
            "description",
            "geographicElement",
            "temporalElement",
            "verticalElement",
        ],
    ),
    (
        "MD_Format",
        &[
            "name",
            "version",
            "amendmentNumber",
            "specification",
            "fileDecompressionTechnique",
            "formatDistributor",
        ],
    ),
    (
        "MD_BrowseGraphic",
        &["fileName", "fileDescription", "fileType"],
    ),
    (
        "MD_MaintenanceInformation",
        &[
            "maintenanceAndUpdateFrequency",
            "dateOfNextUpdate",
            "userDefinedMaintenanceFrequency",
            "updateScope",
            "updateScopeDescription",
            "maintenanceNote",
            "contact",
        ],
    ),
    ("CI_Date", &["date", "dateType"]),
    (
        "SV_OperationMetadata",
        &[
            "operationName",
            "DCP",
            "operationDescription",
            "invocationName",
            "parameters",
            "connectPoint",
            "dependsOn",
        ],
    ),
    ("MD_Identifier", &["authority", "code"]),
    (
        "RS_Identifier",
        &["authority", "code", "codeSpace", "version"],
    ),
    (
        "DQ_ConformanceResult",
        &["specification", "explanation", "pass"],
    ),
    ("LI_Lineage", &["statement", "processStep", "source"]),
];

/// The rank of a child named `child` in an element named `parent` (local names; a
/// profile's `…_MD_Metadata` ranks as `MD_Metadata`), `None` when unknown.
pub(super) fn rank(parent: &str, child: &str) -> Option<usize> {
    let (_, sequence) = SEQUENCES
        .iter()
        .find(|(name, _)| parent == *name || parent.ends_with(&format!("_{name}")))?;
    sequence.iter().position(|c| *c == child)
}
