//! The closed vocabularies of the questionnaire: conditions, medications and procedures.
//!
//! Each is an enum whose snake_case names are the answers file's words. An unknown word is
//! refused with the list of known ones; nothing is silently ignored.

/// Declares an enum of named answers with its list, names, parsing and serde support.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[doc = $doc:literal])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[doc = $doc])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of the answers file's documentation.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The answers file's word for this value.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Reads the answers file's word, or `None` when it is not known.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// All known words, comma separated, for error messages.
            pub fn known_names() -> String {
                Self::ALL.iter().map(|v| v.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!("unknown ", $what, " \"{}\"; known: {}"),
                        text,
                        $name::known_names()
                    ))
                })
            }
        }
    };
}

pub(crate) use named_enum;

named_enum! {
    /// A medical condition the client reports in the questionnaire.
    Condition, "condition" {
        /// Type 1 diabetes.
        Type1Diabetes = "type1_diabetes",
        /// Type 2 (or other) diabetes.
        Type2Diabetes = "type2_diabetes",
        /// Hepatitis B.
        HepatitisB = "hepatitis_b",
        /// Hepatitis C.
        HepatitisC = "hepatitis_c",
        /// Active cold sores.
        ColdSores = "cold_sores",
        /// Active shingles.
        Shingles = "shingles",
        /// Active impetigo.
        Impetigo = "impetigo",
        /// A psoriasis flare.
        Psoriasis = "psoriasis",
        /// An eczema flare.
        Eczema = "eczema",
        /// Pink eye (conjunctivitis).
        PinkEye = "pink_eye",
        /// Severe acne.
        SevereAcne = "severe_acne",
        /// Active vitiligo.
        VitiligoActive = "vitiligo_active",
        /// Sickle cell disease.
        SickleCell = "sickle_cell",
        /// Haemophilia.
        Hemophilia = "hemophilia",
        /// Another bleeding disorder.
        BleedingDisorder = "bleeding_disorder",
        /// Skin that forms keloids.
        KeloidFormation = "keloid_formation",
        /// A mental disorder.
        MentalDisorder = "mental_disorder",
        /// A history of MRSA or staph infection.
        MrsaOrStaphHistory = "mrsa_or_staph_history",
        /// Cancer.
        Cancer = "cancer",
        /// Epilepsy.
        Epilepsy = "epilepsy",
        /// An autoimmune disease.
        Autoimmune = "autoimmune",
        /// Herpes simplex.
        HerpesSimplex = "herpes_simplex",
        /// A known allergy to pigments.
        PigmentAllergy = "pigment_allergy",
        /// Moles in the area to be treated.
        MolesInArea = "moles_in_area",
    }
}

named_enum! {
    /// A medication the client takes or took.
    Medication, "medication" {
        /// Isotretinoin (Accutane).
        Isotretinoin = "isotretinoin",
        /// Steroids.
        Steroids = "steroids",
        /// Retinol or Retin-A.
        Retinol = "retinol",
        /// Warfarin (Coumadin).
        Warfarin = "warfarin",
        /// Aspirin.
        Aspirin = "aspirin",
        /// Ibuprofen.
        Ibuprofen = "ibuprofen",
        /// Niacin.
        Niacin = "niacin",
        /// Fish oil.
        FishOil = "fish_oil",
        /// Vitamin E.
        VitaminE = "vitamin_e",
        /// Minoxidil (Rogaine).
        Minoxidil = "minoxidil",
        /// Finasteride (Propecia).
        Finasteride = "finasteride",
        /// Any other prescribed blood thinner (anticoagulant).
        BloodThinner = "blood_thinner",
    }
}

named_enum! {
    /// A procedure the client had (or has under way).
    ProcedureKind, "procedure kind" {
        /// A hair transplant (FUE or FUT).
        HairTransplant = "hair_transplant",
        /// Botox injections.
        Botox = "botox",
        /// Filler injections.
        Filler = "filler",
        /// A chemical peel.
        ChemicalPeel = "chemical_peel",
        /// A laser treatment.
        Laser = "laser",
        /// A keloid scar in the area to be treated.
        KeloidScar = "keloid_scar",
        /// An earlier SMP session.
        Smp = "smp",
    }
}
