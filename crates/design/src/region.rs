//! The named regions of the scalp, as a practitioner speaks of them.

use serde::Serialize;

use crate::geometry::ChartPoint;

/// A region of the scalp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// Behind the front hairline, between the temples.
    Frontal,
    /// The top, between the frontal region and the crown.
    MidScalp,
    /// The crown (vertex whorl).
    Crown,
    /// The client's left temple.
    TemporalLeft,
    /// The client's right temple.
    TemporalRight,
    /// The client's left side above and behind the ear.
    ParietalLeft,
    /// The client's right side above and behind the ear.
    ParietalRight,
    /// The back of the head.
    Occipital,
}

impl Region {
    /// Every region, in the order reports list them.
    pub const ALL: [Region; 8] = [
        Region::Frontal,
        Region::MidScalp,
        Region::Crown,
        Region::TemporalLeft,
        Region::TemporalRight,
        Region::ParietalLeft,
        Region::ParietalRight,
        Region::Occipital,
    ];

    /// The region's name.
    pub fn name(self) -> &'static str {
        match self {
            Region::Frontal => "frontal",
            Region::MidScalp => "mid-scalp",
            Region::Crown => "crown",
            Region::TemporalLeft => "temporal-left",
            Region::TemporalRight => "temporal-right",
            Region::ParietalLeft => "parietal-left",
            Region::ParietalRight => "parietal-right",
            Region::Occipital => "occipital",
        }
    }

    /// The index of the region in [`Region::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Landmarks that divide the scalp into regions, in chart millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegionBounds {
    /// The midline hairline's y.
    pub hairline_y: f32,
    /// The crown's centre.
    pub crown: ChartPoint,
    /// The crown's radius.
    pub crown_radius: f32,
    /// Half the width of the top (frontal, mid-scalp) band.
    pub top_half_width: f32,
}

impl RegionBounds {
    /// The region a chart point belongs to.
    pub fn classify(&self, p: ChartPoint) -> Region {
        if p.distance(self.crown) < self.crown_radius {
            return Region::Crown;
        }
        let behind_crown = p.y < self.crown.y - self.crown_radius * 0.6;
        if behind_crown
            && (p.x.abs() < self.top_half_width * 1.6
                || p.y < self.crown.y - 2.5 * self.crown_radius)
        {
            return Region::Occipital;
        }
        if p.x.abs() < self.top_half_width {
            return if p.y > self.hairline_y - 35.0 {
                Region::Frontal
            } else {
                Region::MidScalp
            };
        }
        match (p.x < 0.0, p.y >= 0.0) {
            (true, true) => Region::TemporalLeft,
            (false, true) => Region::TemporalRight,
            (true, false) => Region::ParietalLeft,
            (false, false) => Region::ParietalRight,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scalp_divides_into_its_named_regions() {
        let b = RegionBounds {
            hairline_y: 60.0,
            crown: ChartPoint::new(0.0, -40.0),
            crown_radius: 35.0,
            top_half_width: 45.0,
        };
        assert_eq!(b.classify(ChartPoint::new(0.0, 50.0)), Region::Frontal);
        assert_eq!(b.classify(ChartPoint::new(0.0, 10.0)), Region::MidScalp);
        assert_eq!(b.classify(ChartPoint::new(0.0, -40.0)), Region::Crown);
        assert_eq!(
            b.classify(ChartPoint::new(-80.0, 30.0)),
            Region::TemporalLeft
        );
        assert_eq!(
            b.classify(ChartPoint::new(80.0, 30.0)),
            Region::TemporalRight
        );
        assert_eq!(
            b.classify(ChartPoint::new(-110.0, -30.0)),
            Region::ParietalLeft
        );
        assert_eq!(
            b.classify(ChartPoint::new(110.0, -30.0)),
            Region::ParietalRight
        );
        assert_eq!(b.classify(ChartPoint::new(0.0, -150.0)), Region::Occipital);
    }
}
