package io.convoc.localrun;

import io.convoc.localcloud.LocalCloud;
import io.convoc.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cold-start harness on one function (api), one round, two warm events: the child JVMs start from the Lambda
 * jar and from the floor's class path, handle their events, and the table has the columns, a floor row and
 * the function's row with sensible numbers. Runs after {@code package} (it needs the api's Lambda jar).
 */
@ExtendWith(LocalCloudExtension.class)
class ColdStartBenchmarkTest {

    @Test
    void measuresOneFunctionAgainstTheFloor(LocalCloud cloud) throws Exception {
        assumeTrue(Files.exists(ColdStartBenchmark.jar("api")), "the api's Lambda jar is built by mvn package");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ColdStartBenchmark.Result result = ColdStartBenchmark.run(cloud,
                new ColdStartBenchmark.Options(1, 2, List.of("api")),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        List<String> lines = result.table().lines().toList();
        assertEquals("| function | first event ms | × floor | warm ms/event | peak RSS | jar | classes |", lines.get(0));
        assertEquals("|---|---:|---:|---:|---:|---:|---:|", lines.get(1));
        assertTrue(lines.get(2).startsWith("| floor (do-nothing"), lines.get(2));
        assertTrue(lines.get(3).startsWith("| floor + SDK, JSON log, metric"), lines.get(3));
        assertTrue(lines.get(4).startsWith("| api | "), lines.get(4));
        for (String row : lines.subList(2, 5)) {
            assertEquals(9, row.split("\\|", -1).length, row); // 7 cells between 8 bars
        }

        ColdStartBenchmark.Row floor = result.floor();
        ColdStartBenchmark.Row components = result.components();
        ColdStartBenchmark.Row api = result.functions().get(0);
        assertEquals("api", api.function());
        for (ColdStartBenchmark.Row r : List.of(floor, components, api)) {
            assertTrue(r.firstMs() > 0 && r.firstMs() < 120_000, r.toString());
            assertTrue(r.warmMs() > 0, r.toString());
            assertTrue(r.peakRssMb() > 10, r.toString());
            assertTrue(r.classes() > 1000, r.toString());
        }
        assertEquals(api.firstMs() / floor.firstMs(), api.timesFloor(), 1e-9);
        assertTrue(api.jarMb() > 1, api.toString());
        // the function loads more than the floor: its beans, the SDK clients, the handling of a real request
        assertTrue(api.classes() > floor.classes(), api + " / " + floor);
        // the second reference loads the SDK, log4j and the metrics library on top of the floor, and no more than a
        // function that uses them with its own code
        assertTrue(components.classes() > floor.classes() + 1000, components + " / " + floor);
        assertTrue(components.classes() < api.classes(), components + " / " + api);
    }

    @Test
    void samplesAreReadFromTheRunnersLine() {
        ColdStartBenchmark.Sample s = ColdStartBenchmark.Sample.parse(ColdStartRunner.RESULT
                + "firstMs=1234 classesFirst=5000 classesEnd=5100 vmHwmKb=204800 firstOutcome=ok warmOutcome=ok "
                + "warmMs=1.5,2.5,3.0");
        assertEquals(1234, s.firstMs());
        assertEquals(List.of(1.5, 2.5, 3.0), s.warmMs());
        assertEquals(2.5, ColdStartBenchmark.median(s.warmMs()));
        assertEquals(2.0, ColdStartBenchmark.median(List.of(1.0, 3.0)));
    }
}
