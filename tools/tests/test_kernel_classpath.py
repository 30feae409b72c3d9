"""The helper jar beside a learner's own libraries, in the real course kernel.

The jar carries Guava and Jimfs (chapter 01's small disk) under asynccourse.shaded, so a learner who
adds another Guava with %maven gets that Guava, and the course's small disk still works.
"""
from __future__ import annotations

import pytest

import course

# A Guava other than the one Jimfs brings into the helper jar (see pom.xml); Maven Central serves it.
LEARNERS_GUAVA = "com.google.guava:guava:33.8.0-jre"


def test_learnersOwnGuava_isTheOneLoaded_andTheSmallDiskStillWorks(kernel):
    pytest.importorskip("jupyter_client")
    out, errors = kernel.run("%classpath ../target/async-course.jar\n%load course.jsh", timeout=90)
    assert not errors, errors
    out, errors = kernel.run(f"%maven {LEARNERS_GUAVA}", timeout=180)
    assert not errors, f"%maven {LEARNERS_GUAVA} failed (is Maven Central reachable?): {errors}"
    out, errors = kernel.run(
        'System.out.println(com.google.common.collect.ImmutableList.class.getProtectionDomain().getCodeSource().getLocation());\n'
        'try (SmallDisk disk = SmallDisk.ofBytes(64 * 1024)) {\n'
        '    Files.writeString(disk.path("a.txt"), "hello");\n'
        '    System.out.println("small disk: " + Files.readString(disk.path("a.txt")) + ", " + disk.used() + " bytes used");\n'
        '}')
    assert not errors, errors
    location, disk = out.strip().splitlines()[-2:]
    version = LEARNERS_GUAVA.rsplit(":", 1)[1]
    assert version in location and "async-course" not in location, f"Guava came from {location}, not the learner's {version}"
    assert disk.startswith("small disk: hello, "), out
