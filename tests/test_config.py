"""The perimeter config: every key validated, bad files are one clear error."""

import pytest

from perimeter_checks.config import ConfigError, active_config, load_config_file, parse_config

GOOD = {
    "perimeter": {
        "org_ids": ["o-a1b2c3d4e5"],
        "org_paths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"],
        "account_ids": ["111111111111"],
        "trusted_accounts": [999999999999],
        "vpc_ids": ["vpc-0a1b2c3d"],
        "vpc_endpoint_ids": ["vpce-0a1b2c3d4e5f60001"],
        "cidrs": ["10.0.0.0/8", "2001:db8::/32"],
        "regions": ["eu-west-1", "us-gov-west-1"],
    }
}


def test_every_documented_key_is_read():
    config = parse_config(GOOD)
    assert config.org_ids == ("o-a1b2c3d4e5",)
    assert config.trusted_accounts == ("999999999999",)
    assert config.regions == ("eu-west-1", "us-gov-west-1")
    assert config.configured


def test_single_value_may_be_written_without_a_list():
    assert parse_config({"perimeter": {"org_ids": "o-a1b2c3d4e5"}}).org_ids == ("o-a1b2c3d4e5",)


def test_integer_account_ids_keep_leading_zeros():
    assert parse_config({"perimeter": {"account_ids": [12345678901]}}).account_ids == ("012345678901",)


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({}, "top-level 'perimeter:'"),
        ([], "top-level 'perimeter:'"),
        ({"perimeter": ["x"]}, "must be a mapping"),
        ({"perimeter": {"org_id": ["o-a1b2c3d4e5"]}}, "unknown key perimeter.org_id"),
        ({"perimeter": {"org_ids": ["o-*"]}}, "perimeter.org_ids"),
        ({"perimeter": {"account_ids": ["1234"]}}, "perimeter.account_ids"),
        ({"perimeter": {"account_ids": {"a": 1}}}, "must be a list"),
        ({"perimeter": {"regions": ["Europe"]}}, "perimeter.regions"),
    ],
)
def test_malformed_config_is_a_clear_error(data, fragment):
    with pytest.raises(ConfigError) as raised:
        parse_config(data, "perimeter.yaml")
    assert fragment in str(raised.value)
    assert "\n" not in str(raised.value)


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "perimeter.yaml"
    path.write_text("perimeter:\n  org_ids: [o-a1b2c3d4e5\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config_file(path)


def test_yaml_tags_that_construct_objects_are_refused(tmp_path):
    path = tmp_path / "perimeter.yaml"
    path.write_text("perimeter: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ConfigError):
        load_config_file(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        load_config_file(tmp_path / "absent.yaml")


def test_lookup_order_env_then_local_file_then_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PERIMETER_CONFIG", raising=False)
    assert not active_config().configured
    (tmp_path / "perimeter.yaml").write_text("perimeter:\n  org_ids: [o-a1b2c3d4e5]\n")
    assert active_config().org_ids == ("o-a1b2c3d4e5",)
    other = tmp_path / "other.yaml"
    other.write_text("perimeter:\n  org_ids: [o-zzzzzzzzzz]\n")
    monkeypatch.setenv("PERIMETER_CONFIG", str(other))
    assert active_config().org_ids == ("o-zzzzzzzzzz",)
