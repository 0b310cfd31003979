//! The area a course treats, and the extent of work it means.

use crate::names::named_enum;
use crate::policy::{Policy, SessionLength};

named_enum! {
    /// The area a course treats: a hair-loss pattern, a scar, alopecia, or a touch-up.
    Area, "area" {
        /// Norwood 1: no real recession.
        Norwood1 = "norwood-1",
        /// Norwood 2: slight temple recession.
        Norwood2 = "norwood-2",
        /// Norwood 3: deep temple recession.
        Norwood3 = "norwood-3",
        /// Norwood 3 vertex: recession and a thinning crown.
        Norwood3V = "norwood-3v",
        /// Norwood 4: recession and crown loss, still separated.
        Norwood4 = "norwood-4",
        /// Norwood 5: the bridge between front and crown thins.
        Norwood5 = "norwood-5",
        /// Norwood 6: the bridge is gone.
        Norwood6 = "norwood-6",
        /// Norwood 7: only a horseshoe at the sides and back remains.
        Norwood7 = "norwood-7",
        /// Ludwig 1: mild thinning at the crown and part.
        Ludwig1 = "ludwig-1",
        /// Ludwig 2: marked thinning and widening of the part.
        Ludwig2 = "ludwig-2",
        /// Ludwig 3: extensive thinning of the top.
        Ludwig3 = "ludwig-3",
        /// Diffuse thinning: density added between existing hair.
        Diffuse = "diffuse",
        /// An FUT strip scar at the back of the head.
        ScarFut = "scar-fut",
        /// Scattered FUE extraction scars.
        ScarFue = "scar-fue",
        /// Alopecia areata patches.
        AlopeciaAreata = "alopecia-areata",
        /// Alopecia totalis: the whole hairline including sides and back.
        AlopeciaTotalis = "alopecia-totalis",
        /// A touch-up of an earlier course.
        TouchUp = "touch-up",
    }
}

/// How much work an area is; prices and session lengths are set per extent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Extent {
    /// Norwood 1-2.
    Minor,
    /// Norwood 3 and 3V, Ludwig 1, alopecia areata.
    Moderate,
    /// Norwood 4-5, Ludwig 2, diffuse thinning.
    Extensive,
    /// Norwood 6-7, Ludwig 3, alopecia totalis.
    Full,
    /// Scar camouflage.
    Scar,
    /// A touch-up.
    TouchUp,
}

impl Area {
    /// The extent of work the area means.
    pub fn extent(self) -> Extent {
        use Area::*;
        match self {
            Norwood1 | Norwood2 => Extent::Minor,
            Norwood3 | Norwood3V | Ludwig1 | AlopeciaAreata => Extent::Moderate,
            Norwood4 | Norwood5 | Ludwig2 | Diffuse => Extent::Extensive,
            Norwood6 | Norwood7 | Ludwig3 | AlopeciaTotalis => Extent::Full,
            ScarFut | ScarFue => Extent::Scar,
            TouchUp => Extent::TouchUp,
        }
    }

    /// Whether the hair usually stays long: women's thinning and diffuse thinning, where dots
    /// go between existing hair parted section by section and the head is not shaved (001).
    pub fn keeps_hair_long(self) -> bool {
        matches!(
            self,
            Area::Ludwig1 | Area::Ludwig2 | Area::Ludwig3 | Area::Diffuse
        )
    }

    /// Whether this is a touch-up course rather than a new one.
    pub fn is_touch_up(self) -> bool {
        self == Area::TouchUp
    }
}

impl Policy {
    /// The price of one session for an extent, in minor units.
    pub fn session_price(&self, extent: Extent) -> u64 {
        match extent {
            Extent::Minor => self.price_minor,
            Extent::Moderate => self.price_moderate,
            Extent::Extensive => self.price_extensive,
            Extent::Full => self.price_full,
            Extent::Scar => self.price_scar,
            Extent::TouchUp => self.price_touch_up,
        }
    }

    /// The planned length of one session for an extent.
    pub fn session_length(&self, extent: Extent) -> SessionLength {
        match extent {
            Extent::Minor => self.duration_minor,
            Extent::Moderate => self.duration_moderate,
            Extent::Extensive => self.duration_extensive,
            Extent::Full => self.duration_full,
            Extent::Scar => self.duration_scar,
            Extent::TouchUp => self.duration_touch_up,
        }
    }

    /// The number of sessions planned for an area when none is asked for.
    pub fn default_sessions(&self, area: Area) -> u32 {
        if area.is_touch_up() {
            self.course_touch_up_sessions
        } else {
            self.course_default_sessions
        }
    }
}
