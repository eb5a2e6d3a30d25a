package dev.aisectriage.training;

/**
 * How much each kind of post weighs in the security head's loss: AI-project posts ({@code tuneReplicas}; those
 * labelled with medium or low confidence times {@code softWeight}), paper posts ({@code paperWeight}, 0 leaves them
 * out; {@code paperOutsideWeight} for the paper posts whose codes are all outside runtime compatibility and
 * availability, 0 = as the other paper posts) and weak negatives ({@code weakWeight}). A weight is C's multiplier for
 * that post, as if it were repeated that many times.
 */
record SecurityWeights(double tune, double paper, double paperOutside, double weak, double soft) {

    static SecurityWeights of(TrainerOptions o) {
        double tune = positive(o.tuneReplicas(), "tuneReplicas");
        double paper = atLeastZero(o.paperWeight(), "paperWeight");
        double outside = o.paperOutsideWeight() == 0 ? paper : positive(o.paperOutsideWeight(), "paperOutsideWeight");
        double weak = positive(o.weakWeight(), "weakWeight");
        double soft = positive(o.softWeight(), "softWeight");
        return new SecurityWeights(tune, paper, outside, weak, soft);
    }

    /**
     * The weight of a post; 0 when it is not in the security head.
     *
     * @param outside a paper post whose codes are all outside runtime compatibility and availability
     */
    double weight(LabelledPost post, boolean isTune, boolean isWeak, boolean outside) {
        if (isTune) {
            return post.confident() ? tune : tune * soft;
        }
        return isWeak ? weak : outside ? paperOutside : paper;
    }

    private static double positive(double w, String name) {
        if (!(w > 0)) {
            throw new IllegalArgumentException(name + " must be above 0, got " + w);
        }
        return w;
    }

    private static double atLeastZero(double w, String name) {
        if (!(w >= 0)) {
            throw new IllegalArgumentException(name + " must be 0 or above, got " + w);
        }
        return w;
    }
}
