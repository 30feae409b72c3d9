"""The build runs the JUnit suite twice: as is, and with the course kernel's virtual-thread setting."""
import xml.etree.ElementTree as ET

import course

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def test_pom_runsTheSuiteAgainWithTheKernelsCarrierSetting():
    pom = ET.parse(course.ROOT / "pom.xml").getroot()
    surefire = [p for p in pom.iterfind(".//m:build/m:plugins/m:plugin", NS)
                if p.findtext("m:artifactId", namespaces=NS) == "maven-surefire-plugin"]
    assert len(surefire) == 1
    arg_lines = [e.findtext("m:configuration/m:argLine", namespaces=NS) or ""
                 for e in surefire[0].iterfind("m:executions/m:execution", NS)
                 if "test" in [g.text for g in e.iterfind("m:goals/m:goal", NS)]]
    carrier = "-Djdk.virtualThreadScheduler.parallelism=1"
    assert carrier in course.KERNEL_JVM_OPTS, "the kernel's carrier setting changed: update this test and the pom"
    assert any(carrier in a.split() for a in arg_lines), (
        f"no surefire execution runs the tests with the kernel's {carrier}: {arg_lines}")


def test_theContinuationsExport_isPassedWhereverTheLoopShouldRunOnContinuations():
    """The kernel's export of jdk.internal.vm is repeated where Java starts without course.py: the
    pom's default test execution (the one-carrier execution leaves it out on purpose, to test the
    virtual-thread fallback) and the benchmark's re-run of itself."""
    export = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"
    assert export in course.KERNEL_JVM_OPTS
    pom = ET.parse(course.ROOT / "pom.xml").getroot()
    surefire = [p for p in pom.iterfind(".//m:build/m:plugins/m:plugin", NS)
                if p.findtext("m:artifactId", namespaces=NS) == "maven-surefire-plugin"][0]
    default_args = (surefire.findtext("m:configuration/m:argLine", namespaces=NS) or "").replace("--add-exports ", "--add-exports=")
    assert export in default_args.split(), default_args
    bench = (course.ROOT / "src/main/java/asynccourse/bench/Benchmark.java").read_text(encoding="utf-8")
    assert f'"{export}"' in bench, "Benchmark.rerunWithCourseFlags must pass the kernel's export"
