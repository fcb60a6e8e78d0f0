INSERT INTO records (
    id, doc, original, original_format, version, created, updated,
    title, title_sort, type, owner_org, visibility, date_stamp,
    creation_date, publication_date, revision_date, parent_id, language, service_type,
    original_codec, status
) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
