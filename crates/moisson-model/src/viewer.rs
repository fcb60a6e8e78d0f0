//! Who is asking: every store read takes a `Viewer` so rights apply everywhere.

use serde::{Deserialize, Serialize};

/// The caller of a read or write. The rights issue adds organisations, projects and
/// roles; today there are anonymous readers and the admin token holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub enum Viewer {
    #[default]
    Anonymous,
    /// Holder of the admin token: sees and may write everything.
    Admin,
}

impl Viewer {
    #[must_use]
    pub fn anonymous() -> Self {
        Self::Anonymous
    }

    #[must_use]
    pub fn can_write(&self) -> bool {
        matches!(self, Self::Admin)
    }

    /// Whether this viewer sees every record whatever its visibility.
    #[must_use]
    pub fn sees_all(&self) -> bool {
        matches!(self, Self::Admin)
    }
}
