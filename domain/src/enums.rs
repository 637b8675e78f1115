//! The closed vocabularies of the domain, written on the wire and in the database as snake_case strings.

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident default $default:ident { $($body:tt)+ }) => {
        string_enum! { $(#[$meta])* $name { $($body)+ } }

        impl Default for $name {
            fn default() -> Self {
                Self::$default
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        // The same names as the renames below; utoipa reads this one (a rename from a macro escapes it).
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted values, for error messages: "a, b, c".
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// What kind of event an activity is.
    ActivityKind {
        Meeting = "meeting",
        VisitAbroad = "visit_abroad",
        DelegationReceived = "delegation_received",
        Conference = "conference",
        Training = "training",
        CulturalEvent = "cultural_event",
        SportsEvent = "sports_event",
        YouthExchange = "youth_exchange",
        HumanitarianAid = "humanitarian_aid",
        AgreementSigning = "agreement_signing",
        Publication = "publication",
        Procurement = "procurement",
        OnlineEvent = "online_event",
        Other = "other",
    }
}

string_enum! {
    /// How an activity was held.
    ActivityFormat default InPerson {
        InPerson = "in_person",
        Online = "online",
        Hybrid = "hybrid",
    }
}

string_enum! {
    /// Whether an activity is still to come, took place, or was called off.
    ActivityStatus default Done {
        Planned = "planned",
        Done = "done",
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// Where a record stands in its workflow: the public sees published records only.
    PublicationState default Draft {
        Draft = "draft",
        /// Handed to the publishers for review; changing it needs the publisher role.
        Submitted = "submitted",
        Published = "published",
        Withdrawn = "withdrawn",
    }
}

string_enum! {
    /// How precisely an activity's dates are known: the report gives some events only a month or a year.
    DatePrecision default Day {
        Day = "day",
        Month = "month",
        Year = "year",
    }
}

string_enum! {
    /// The part a partner played in an activity.
    PartnerRole {
        Host = "host",
        Organiser = "organiser",
        Funder = "funder",
        Participant = "participant",
    }
}

string_enum! {
    /// What sort of body a partner is.
    PartnerKind {
        TwinCity = "twin_city",
        PartnerCity = "partner_city",
        SolidarityPartner = "solidarity_partner",
        InternationalOrganisation = "international_organisation",
        Donor = "donor",
        FinancialInstitution = "financial_institution",
        GovernmentBody = "government_body",
        Embassy = "embassy",
        Business = "business",
        Ngo = "ngo",
        University = "university",
        Network = "network",
    }
}

string_enum! {
    /// Where a grant stands.
    GrantStatus {
        Applied = "applied",
        Awarded = "awarded",
        InProgress = "in_progress",
        Completed = "completed",
        Rejected = "rejected",
    }
}

string_enum! {
    /// What sort of agreement was signed.
    AgreementKind {
        Twinning = "twinning",
        Partnership = "partnership",
        SolidarityPartnership = "solidarity_partnership",
        Memorandum = "memorandum",
        TechnicalAssistance = "technical_assistance",
    }
}

string_enum! {
    /// Where an agreement stands.
    AgreementStatus {
        InPreparation = "in_preparation",
        InForce = "in_force",
        Expired = "expired",
        Terminated = "terminated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_value() {
        for kind in PartnerKind::ALL {
            assert_eq!(PartnerKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(ActivityKind::parse("nope"), None);
        assert_eq!(ActivityFormat::expected(), "in_person, online, hybrid");
    }
}
