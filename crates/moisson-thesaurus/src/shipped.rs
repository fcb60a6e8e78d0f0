//! The thesauri built into the server, loaded into an empty catalogue on first start
//! (like the demo records). Each file is a normalised Turtle copy of its source (see
//! `thesauri/SOURCES.md`, made by `examples/normalise.rs`).

use crate::{Error, Syntax, Thesaurus, read};

/// One shipped thesaurus: its id, its file, and the other names record keyword blocks
/// give it as their thesaurusName.
pub struct Shipped {
    pub id: &'static str,
    pub turtle: &'static [u8],
    pub aliases: &'static [&'static str],
}

macro_rules! file {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/thesauri/", $name))
    };
}

/// Every shipped thesaurus, in load order.
pub const ALL: [Shipped; 7] = [
    Shipped {
        id: "inspire-theme",
        turtle: file!("inspire-theme.ttl"),
        aliases: &[
            "GEMET - INSPIRE themes, version 1.0",
            "GEMET - INSPIRE themes",
            "INSPIRE themes",
            "http://www.eionet.europa.eu/gemet/inspire_themes",
            "https://www.eionet.europa.eu/gemet/inspire_themes",
            "http://inspire.ec.europa.eu/theme",
            "https://inspire.ec.europa.eu/theme",
            "http://inspire.ec.europa.eu/theme/",
        ],
    },
    Shipped {
        id: "data-theme",
        turtle: file!("data-theme.ttl"),
        aliases: &[
            "Data theme (EU)",
            "Data theme",
            "EU data themes",
            "http://publications.europa.eu/resource/authority/data-theme/",
        ],
    },
    Shipped {
        id: "gemet",
        turtle: file!("gemet-fr.ttl"),
        aliases: &[
            "GEMET",
            "GEMET - Concepts, version 4.1.2",
            "GEMET - Concepts, version 3.1",
            "GEMET - Concepts, version 2.4",
            "GEMET Thesaurus version 1.0",
            "GEMET Thesaurus",
            "http://www.eionet.europa.eu/gemet",
            "https://www.eionet.europa.eu/gemet",
            "http://www.eionet.europa.eu/gemet/",
        ],
    },
    Shipped {
        id: "file-type",
        turtle: file!("file-type.ttl"),
        aliases: &[
            "File type",
            "http://publications.europa.eu/resource/authority/file-type/",
        ],
    },
    Shipped {
        id: "frequency",
        turtle: file!("frequency.ttl"),
        aliases: &[
            "Frequency",
            "http://publications.europa.eu/resource/authority/frequency/",
        ],
    },
    Shipped {
        id: "language",
        turtle: file!("language.ttl"),
        aliases: &[
            "Language",
            "http://publications.europa.eu/resource/authority/language/",
        ],
    },
    Shipped {
        id: "covadis",
        turtle: file!("covadis.ttl"),
        aliases: &[
            "COVADIS",
            "Thèmes COVADIS",
            "Arborescence COVADIS",
            "Arborescence thématique COVADIS",
            "Classification COVADIS",
            "Thesaurus COVADIS",
        ],
    },
];

impl Shipped {
    /// The thesaurus, read from its built-in Turtle.
    pub fn read(&self) -> Result<Thesaurus, Error> {
        let mut t = read(self.turtle, Syntax::Turtle, self.id, None)?;
        t.aliases = self.aliases.iter().map(|a| (*a).to_owned()).collect();
        Ok(t)
    }
}
