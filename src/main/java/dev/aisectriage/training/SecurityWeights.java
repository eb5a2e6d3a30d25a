package dev.aisectriage.training;

/**
 * How much each kind of post weighs in the security head's loss, relative to the others: AI-project issues
 * ({@code tuneReplicas}), paper posts ({@code paperWeight}; {@code paperOutsideWeight} for the paper posts whose codes
 * are all outside runtime compatibility and availability, 0 = as the other paper posts) and weak negatives
 * ({@code weakWeight}). liblinear has no instance weights, so the weights become whole copies of each post and C is
 * scaled down by the weight of one copy, which leaves the loss the weights describe. One copy weighs the lightest
 * weight divided by the smallest whole number (up to {@value #MAX_DIVISOR}) that makes every weight a whole number of
 * copies; weights that no such number fits are rounded to the nearest copy at that finest step.
 */
record SecurityWeights(int tuneCopies, int paperCopies, int paperOutsideCopies, int weakCopies, double cScale) {

    static final int MAX_DIVISOR = 20;

    static SecurityWeights of(TrainerOptions o) {
        double tune = Math.max(1, o.tuneReplicas());
        double paper = positive(o.paperWeight(), "paperWeight");
        double outside = o.paperOutsideWeight() == 0 ? paper : positive(o.paperOutsideWeight(), "paperOutsideWeight");
        double weak = positive(o.weakWeight(), "weakWeight");
        double lightest = Math.min(Math.min(tune, outside), Math.min(paper, weak));
        double unit = lightest / MAX_DIVISOR;
        for (int d = 1; d <= MAX_DIVISOR; d++) {
            double u = lightest / d;
            if (whole(tune / u) && whole(paper / u) && whole(outside / u) && whole(weak / u)) {
                unit = u;
                break;
            }
        }
        return new SecurityWeights(
                copies(tune, unit), copies(paper, unit), copies(outside, unit), copies(weak, unit), unit);
    }

    int copies(boolean tune, boolean weak) {
        return copies(tune, weak, false);
    }

    /** {@code outside}: a paper post whose codes are all outside runtime compatibility and availability. */
    int copies(boolean tune, boolean weak, boolean outside) {
        return tune ? tuneCopies : weak ? weakCopies : outside ? paperOutsideCopies : paperCopies;
    }

    private static boolean whole(double x) {
        return Math.abs(x - Math.rint(x)) < 1e-6;
    }

    private static int copies(double weight, double unit) {
        return Math.max(1, (int) Math.round(weight / unit));
    }

    private static double positive(double w, String name) {
        if (!(w > 0)) {
            throw new IllegalArgumentException(name + " must be above 0, got " + w);
        }
        return w;
    }
}
