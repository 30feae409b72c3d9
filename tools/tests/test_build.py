"""The course kernel's JVM options are written once, in pom.xml, and the build uses them."""
import xml.etree.ElementTree as ET

import course

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def pom_properties() -> dict[str, str]:
    pom = ET.parse(course.ROOT / "pom.xml").getroot()
    return {e.tag.split("}")[1]: (e.text or "").strip() for e in pom.find("m:properties", NS)}


def surefire_arg_lines() -> tuple[str, list[str]]:
    pom = ET.parse(course.ROOT / "pom.xml").getroot()
    surefire = [p for p in pom.iterfind(".//m:build/m:plugins/m:plugin", NS)
                if p.findtext("m:artifactId", namespaces=NS) == "maven-surefire-plugin"]
    assert len(surefire) == 1
    default = surefire[0].findtext("m:configuration/m:argLine", namespaces=NS) or ""
    executions = [e.findtext("m:configuration/m:argLine", namespaces=NS) or ""
                  for e in surefire[0].iterfind("m:executions/m:execution", NS)
                  if "test" in [g.text for g in e.iterfind("m:goals/m:goal", NS)]]
    return default, executions


def test_installedKernel_startsJavaWithThePomsOptions(course_kernel):
    import json
    props = pom_properties()
    argv = json.loads((course_kernel / "kernel.json").read_text())["argv"]
    for name in ("course.jvm.carrier", "course.jvm.export"):
        assert props.get(name), f"pom.xml lacks the property {name}"
        assert props[name] in argv, f"the installed kernel's command lacks {name} = {props[name]}: {argv}"
    assert course.KERNEL_JVM_OPTS == [props["course.jvm.carrier"], props["course.jvm.export"]]


def test_surefire_runsTheSuiteOnContinuations_andAgainWithOneCarrierWithout():
    """The default execution passes the export (coroutines on continuations); the one-carrier
    execution passes the carrier setting and leaves the export out on purpose, to test the
    virtual-thread fallback. Both read the pom's properties, so nothing is repeated."""
    default, executions = surefire_arg_lines()
    assert default.split() == ["${course.jvm.export}"], default
    assert any(a.split() == ["${course.jvm.carrier}"] for a in executions), executions


def test_kernelProperties_resourceIsFilledFromThePom():
    resource = (course.ROOT / "src/main/resources/asynccourse/kernel.properties").read_text(encoding="utf-8")
    assert "carrier=${course.jvm.carrier}" in resource and "export=${course.jvm.export}" in resource, resource
