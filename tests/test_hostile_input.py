"""Hostile input: the scan stays bounded, loads YAML safely, runs nothing, opens no socket."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perimeter_checks.config import load_config_file, PerimeterConfig
from perimeter_checks.scan import scan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

BILLION_LAUGHS = """
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
Resources:
  Bomb:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument: {Statement: *i}
"""


def timed_scan(paths, config=PerimeterConfig(), **kwargs):
    start = time.perf_counter()
    result = scan([str(p) for p in paths], config, **kwargs)
    return result, time.perf_counter() - start


def test_yaml_bomb_is_refused_quickly(tmp_path):
    (tmp_path / "bomb.yaml").write_text(BILLION_LAUGHS)
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    result, seconds = timed_scan([tmp_path])
    assert seconds < 10
    assert any("YAML aliases" in w for w in result.warnings)


def test_too_many_aliases_are_refused(tmp_path):
    aliases = ", ".join(["*a"] * 1001)
    (tmp_path / "aliases.yaml").write_text(f"x: &a 1\ny: [{aliases}]\nResources: {{B: {{Type: AWS::S3::Bucket}}}}\n")
    result, _ = timed_scan([tmp_path])
    assert any("more than 1000 YAML aliases" in w for w in result.warnings)


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    (tmp_path / "cycle.yaml").write_text("a: &a [1, *a]\nResources: {B: {Type: AWS::S3::Bucket, Properties: *a}}\n")
    result, _ = timed_scan([tmp_path])
    assert any("refers to its own anchor" in w for w in result.warnings)


def test_object_constructing_tags_are_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "template.yaml").write_text(
        f"Resources: !!python/object/apply:os.system ['touch {marker}']\n"
        f"Other: !!python/name:os.system\n"
    )
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    result, _ = timed_scan([tmp_path])
    assert not marker.exists()
    assert any("template.yaml" in w for w in result.warnings)


def test_python_files_in_the_scanned_tree_are_never_imported(tmp_path):
    marker = tmp_path / "imported"
    (tmp_path / "conftest.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "checks.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    timed_scan([tmp_path])
    assert not marker.exists()


def test_huge_files_are_skipped_with_a_warning(tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "w") as handle:
        handle.write('{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"x": "')
        handle.write("a" * (25 * 1024 * 1024))
        handle.write('"}}}}')
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    result, seconds = timed_scan([tmp_path])
    assert seconds < 20
    assert any("larger than" in w for w in result.warnings)


def test_symlink_loops_do_not_hang(tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "back").symlink_to(tmp_path / "a", target_is_directory=True)
    result, seconds = timed_scan([tmp_path])
    assert seconds < 10 and result.resources == 1


def test_binary_files_with_iac_extensions(tmp_path):
    noise = bytes(range(256)) * 64
    for name in ("main.tf", "plan.json", "template.yaml"):
        (tmp_path / name).write_bytes(noise)
    result = subprocess.run([sys.executable, "-m", "perimeter_checks.cli", "scan", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "main.tf" in result.stderr


def test_deeply_nested_documents_are_bounded(tmp_path):
    core = json.dumps({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*"}]})
    nested = '{"Nested": ' * 900 + core + "}" * 900
    (tmp_path / "deep.json").write_text(
        '{"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": ' + nested + "}}}}")
    (tmp_path / "deepest.json").write_text('{"Resources": ' + "[" * 100000 + "]" * 100000 + "}")
    (tmp_path / "deeper.yaml").write_text("Resources: " + "[" * 20000 + "]" * 20000 + "\n")
    result, seconds = timed_scan([tmp_path])
    assert seconds < 20
    assert result.resources >= 1 or result.warnings


@pytest.mark.parametrize("engine", ["python", "rego"])
def test_a_scan_opens_no_socket(monkeypatch, engine):
    attempts = []

    def refuse(self, *args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, *a))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, *a))
    result = scan([str(EXAMPLES)], load_config_file(EXAMPLES / "perimeter.yaml"), engine=engine)
    assert result.findings and not attempts
