package io.aigw.policy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class MetricFamilyTest {

    @Test
    void labelSetsBeyondTheCapFoldIntoOneOtherSeries() {
        MetricFamily<LongAdder> f = MetricFamily.counter("x_total", "X.", 10, "model");
        for (int i = 0; i < 1000; i++) {
            f.series("invented-" + i).increment();
        }
        f.series("invented-3").increment();

        assertThat(f.snapshot()).hasSize(11);
        assertThat(f.series("invented-3").sum()).isEqualTo(2);
        assertThat(f.series(MetricFamily.OTHER).sum()).isEqualTo(990);
        assertThat(f.series("invented-999")).isSameAs(f.series(MetricFamily.OTHER));
    }

    @Test
    void theSameLabelsAreTheSameSeries() {
        MetricFamily<Histogram> f = MetricFamily.histogram("h", "H.", new double[]{1}, 10, "a", "b");
        f.series("1", null).observe(1);
        f.series("1", "").observe(2);

        assertThat(f.series("1", "").count()).isEqualTo(2);
        assertThat(f.series("1", "").sum()).isEqualTo(3);
    }

    @Test
    void theLabelCountIsChecked() {
        MetricFamily<LongAdder> f = MetricFamily.counter("x_total", "X.", 10, "a");
        assertThatThrownBy(() -> f.series("1", "2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x_total has 1 labels, not 2");
    }

    @Test
    void bucketBoundsAreInclusive() {
        Histogram h = new Histogram(new double[]{0.01, 0.02});
        h.observe(0.01);
        h.observe(0.010001);
        h.observe(0.02);
        h.observe(5);

        assertThat(h.cumulative()).containsExactly(1, 3);
        assertThat(h.count()).isEqualTo(4);
    }
}
