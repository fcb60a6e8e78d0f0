//! Cases that still fail, each with why. The list only shrinks: a case fixed is removed
//! (the runner prints the ones listed that pass).

const NE_MISSING_TITLE: &str = "PropertyIsNotEqualTo dc:title: Moisson counts a record without a title as not equal (no value of it equals), pycsw's SQL drops it (11 vs 8)";
const SUBJECT_NE: &str = "PropertyIsNotEqualTo matchCase=false on dc:subject: pycsw answers the one record whose subject IS Physiography (ab42a8c4), an inversion on its side; Moisson answers the 11 others";
const RELATION: &str =
    "dc:relation: the model keeps it only as a service's operatesOn, so it is no queryable";
const DCTYPE: &str = "SortBy dc:type: a DC record's DCMI Dataset/Service is kept as the scope code (dataset, service) and other types as URIs, so the order is not pycsw's URI order";
const CSW3: &str = "without version pycsw answers CSW 3.0 capabilities; Moisson speaks 2.0.2";
const DISTRIBUTED: &str =
    "DistributedSearch needs pycsw's remote demo catalogue (no network in tests)";
const HARVEST_TYPES: &str =
    "Harvest.ResourceType lists the types Moisson harvests (ISO 19139, csw:Record), not pycsw's";
const FGDC: &str = "FGDC CSDGM records are not read";

/// `(suite, case, why it still fails)`.
pub const FAILING: &[(&str, &str, &str)] = &[
    (
        "cite",
        "post_19d2a6ed-be28-4866-ae15-e3bb634486cb",
        NE_MISSING_TITLE,
    ),
    (
        "cite",
        "post_2102a460-5d62-465f-9668-d70b3faafbfa",
        SUBJECT_NE,
    ),
    (
        "cite",
        "post_898cd63b-2585-4ec0-8720-d554bd324174",
        RELATION,
    ),
    ("cite", "get_477b23a3-baa9-47c8-9541-5fe27735ed49", CSW3),
    ("cite", "get_55c38f00-2553-42c1-99ab-33edbb561ad7", CSW3),
    ("cite", "get_80f31def-4185-48b9-983a-960566918eae", CSW3),
    ("cite", "get_9697f0aa-3b6a-4125-83a5-61e8826127c4", CSW3),
    ("default", "post_GetRecords-distributedsearch", DISTRIBUTED),
    ("stablesort", "get_GetRecords-page1", DCTYPE),
    ("stablesort", "get_GetRecords-page2", DCTYPE),
    ("manager", "post_GetDomain-parameter", HARVEST_TYPES),
    ("manager", "post_Transaction-fgdc-01-insert", FGDC),
    ("manager", "post_Transaction-fgdc-02-update-recprop", FGDC),
    ("manager", "post_Transaction-fgdc-03-delete-all", FGDC),
];

/// Why `suite`/`case` is known to fail, if it is.
pub fn reason(suite: &str, case: &str) -> Option<&'static str> {
    FAILING
        .iter()
        .find(|(s, c, _)| *s == suite && *c == case)
        .map(|(_, _, why)| *why)
}
