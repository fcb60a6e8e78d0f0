UPDATE records SET
    doc = ?2, original = ?3, original_format = ?4, version = ?5, created = ?6, updated = ?7,
    title = ?8, title_sort = ?9, type = ?10, owner_org = ?11, visibility = ?12, date_stamp = ?13,
    creation_date = ?14, publication_date = ?15, revision_date = ?16, parent_id = ?17,
    language = ?18, service_type = ?19, original_codec = ?20, status = ?21
WHERE rid = ?1
