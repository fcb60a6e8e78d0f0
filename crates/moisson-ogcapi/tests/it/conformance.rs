//! Every declared conformance class has a test here or in the module it names; a class
//! added to `CONFORMANCE` without one fails `every_declared_class_is_tested`.

/// Declared class → the test(s) that cover it.
const COVERED: &[(&str, &str)] = &[
    (
        "ogcapi-common-1/1.0/conf/core",
        "resources::landing_page_links, resources::unknown_parameters_are_refused_with_an_exception",
    ),
    (
        "ogcapi-common-1/1.0/conf/json",
        "http::negotiation_by_f_and_accept",
    ),
    (
        "ogcapi-common-1/1.0/conf/landing-page",
        "resources::landing_page_links, resources::conformance_lists_the_declared_classes",
    ),
    (
        "ogcapi-common-2/1.0/conf/collections",
        "resources::collections_and_the_catalogue",
    ),
    (
        "ogcapi-features-1/1.0/conf/core",
        "items::paging_is_exact_with_next_and_prev, items::bbox_finds_records_across_the_antimeridian, items::datetime_instants_intervals_and_open_ends",
    ),
    (
        "ogcapi-features-1/1.0/conf/geojson",
        "items::one_record_with_slashes_in_its_id, http::negotiation_by_f_and_accept",
    ),
    (
        "ogcapi-records-1/1.0/conf/core",
        "items::q_terms_with_commas_are_ored, items::type_ids_external_ids_and_queryable_parameters",
    ),
    (
        "ogcapi-records-1/1.0/conf/record-core",
        "items::record_properties_follow_the_record_schema, schemas::every_record_and_page_validates_against_the_published_schemas",
    ),
    (
        "ogcapi-records-1/1.0/conf/record-collection",
        "resources::collections_and_the_catalogue",
    ),
    (
        "ogcapi-records-1/1.0/conf/record-core-query-parameters",
        "items::q_terms_with_commas_are_ored, items::bbox_finds_records_across_the_antimeridian, items::datetime_instants_intervals_and_open_ends, items::type_ids_external_ids_and_queryable_parameters, items::paging_is_exact_with_next_and_prev",
    ),
    (
        "ogcapi-records-1/1.0/conf/records-api",
        "schemas::every_record_and_page_validates_against_the_published_schemas, items::one_record_with_slashes_in_its_id, items::dcat_alternates_on_records_items_and_the_collection",
    ),
    (
        "ogcapi-records-1/1.0/conf/cql-filter",
        "filter::basic_cql2_in_text_and_json, filter::bad_filters_are_400_with_a_clear_message",
    ),
    (
        "ogcapi-records-1/1.0/conf/json",
        "items::record_properties_follow_the_record_schema, schemas::every_record_and_page_validates_against_the_published_schemas",
    ),
    (
        "ogcapi-records-1/1.0/conf/html",
        "html::every_resource_has_its_page_with_every_link, html::items_page_has_a_search_form_and_paging, html::record_page_embeds_its_dataset_in_json_ld, http::negotiation_by_f_and_accept",
    ),
    (
        "ogcapi-records-1/1.0/conf/autodiscovery",
        "html::every_resource_has_its_page_with_every_link",
    ),
    (
        "ogcapi-records-1/1.0/conf/oas30",
        "resources::openapi_document_describes_every_path",
    ),
    (
        "ogcapi-records-1/1.0/conf/searchable-catalog",
        "resources::conformance_lists_the_declared_classes, schemas::every_record_and_page_validates_against_the_published_schemas",
    ),
    (
        "ogcapi-records-1/1.0/conf/searchable-catalog-sorting",
        "items::sortby_several_fields_both_directions, resources::collections_and_the_catalogue",
    ),
    (
        "ogcapi-records-1/1.0/conf/searchable-catalog-filtering",
        "filter::basic_cql2_in_text_and_json, resources::queryables_and_sortables_are_json_schemas",
    ),
    (
        "ogcapi-records-1/1.0/conf/sorting",
        "items::sortby_several_fields_both_directions, resources::queryables_and_sortables_are_json_schemas",
    ),
    (
        "ogcapi-features-3/1.0/conf/queryables",
        "resources::queryables_and_sortables_are_json_schemas",
    ),
    (
        "ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "items::type_ids_external_ids_and_queryable_parameters",
    ),
    (
        "ogcapi-features-3/1.0/conf/filter",
        "filter::basic_cql2_in_text_and_json, filter::bad_filters_are_400_with_a_clear_message",
    ),
    (
        "ogcapi-features-3/1.0/conf/features-filter",
        "filter::basic_cql2_in_text_and_json",
    ),
    (
        "cql2/1.0/conf/cql2-text",
        "filter::basic_cql2_in_text_and_json",
    ),
    (
        "cql2/1.0/conf/cql2-json",
        "filter::basic_cql2_in_text_and_json, filter::basic_spatial_functions",
    ),
    (
        "cql2/1.0/conf/basic-cql2",
        "filter::basic_cql2_in_text_and_json",
    ),
    (
        "cql2/1.0/conf/advanced-comparison-operators",
        "filter::advanced_comparison_operators",
    ),
    (
        "cql2/1.0/conf/case-insensitive-comparison",
        "filter::advanced_comparison_operators",
    ),
    (
        "cql2/1.0/conf/basic-spatial-functions",
        "filter::basic_spatial_functions",
    ),
    (
        "cql2/1.0/conf/temporal-functions",
        "filter::temporal_functions_on_time_and_dates, filter::temporal_functions_allen_relations",
    ),
];

#[test]
fn every_declared_class_is_tested() {
    for class in moisson_ogcapi::CONFORMANCE {
        let short = class.trim_start_matches("http://www.opengis.net/spec/");
        assert!(
            COVERED.iter().any(|(c, _)| *c == short),
            "{class} is declared but no test covers it"
        );
    }
    assert_eq!(
        COVERED.len(),
        moisson_ogcapi::CONFORMANCE.len(),
        "a covered class is no longer declared"
    );
}
