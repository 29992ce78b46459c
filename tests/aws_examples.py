"""AWS's data-perimeter-policy-examples with every placeholder filled, and the config naming those values as yours.

The examples live in ../shared/data/aws-data-perimeter-examples (read-only, beside the
repo). One table fills the placeholders of every file, so SCPs, RCPs, endpoint policies
and resource policies written by different tests agree on what is yours.
"""

from __future__ import annotations

import json
from pathlib import Path

from perimeter_checks.config import PerimeterConfig

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "aws-data-perimeter-examples"
ORG, FOREIGN_ORG = "o-a1b2c3d4e5", "o-zzzzzzzzzz"
OWN_ACCOUNT = "111111111111"
TRUSTED_ACCOUNTS = ("999999999999", "888888888888", "777777777777", "666666666666", "555555555555")
OWN_VPC, OWN_CIDR, OWN_REGIONS = "vpc-0a1b2c3d4e5f60001", "203.0.113.0/24", ("eu-west-1", "eu-central-1")
PLACEHOLDERS = {
    "<my-org-id>": ORG,
    "<my-account-id>": OWN_ACCOUNT,
    "<third-party-account-a>": "999999999999",
    "<third-party-account-b>": "888888888888",
    "<load-balancing-account-id>": "777777777777",
    "<ecr-account-id>": "777777777777",
    "<glue-account-id>": "777777777777",
    "<fin-space-account-id>": "666666666666",
    "<service-account-id>": "555555555555",
    "<CodeArtifact-Region-Account>": "123456789012",
    "<my-corporate-cidr>": OWN_CIDR,
    "<my-vpc>": OWN_VPC,
    "<my-vpc-in-this-region>": OWN_VPC,
    "<my-vpc-region>": "eu-west-1",
    "<my-vpc-region-2>": "eu-central-1",
    "<region>": "eu-west-1",
    "<RegionWithoutDashes>": "euwest1",
    "<my-data-bucket>": "example-data-bucket",
    "<third-party-resource>": "arn:aws:s3:::partner-exchange-bucket",
    "<third-party-resource-arn>": "arn:aws:s3:::partner-bucket/*",
    "<action>": "s3:GetObject",
    "<string>": "abc",
    "<OIDC_provider_name_1>": "token.actions.githubusercontent.com",
    "<OIDC_provider_name_2>": "accounts.google.com",
    "<my-tenant-value>": "repo:my-org/*",
    "<trusted_email_domain>": "example.com",
    "<trusted_https_endpoint>": "https://api.example.com/*",
    "<product-identifier>": "prod-abc123",
    "<unique-identifier>": "a1b2c3",
}
CONFIG = PerimeterConfig(
    org_ids=(ORG,),
    account_ids=(OWN_ACCOUNT,),
    trusted_accounts=TRUSTED_ACCOUNTS,
    vpc_ids=(OWN_VPC,),
    cidrs=(OWN_CIDR,),
    regions=OWN_REGIONS,
)


def fill(text: str, placeholders=PLACEHOLDERS) -> str:
    for placeholder, value in placeholders.items():
        text = text.replace(placeholder, value)
    return text


def filled(path, placeholders=PLACEHOLDERS) -> dict:
    """An example file (a Path, or a path relative to EXAMPLES) as a policy with its placeholders filled."""
    return json.loads(fill((EXAMPLES / path).read_text(), placeholders))


def region_guard(action_key="NotAction", actions=("iam:*", "organizations:*", "sts:*", "route53:*", "cloudfront:*", "support:*"),
                 operator="StringNotEquals", regions=("eu-west-1",), effect="Deny") -> dict:
    """AWS's examples ship no organization-wide region guard: this is the shape its docs describe."""
    return {"Version": "2012-10-17", "Statement": [{
        "Sid": "DenyOutsideMyRegions", "Effect": effect, action_key: list(actions), "Resource": "*",
        "Condition": {operator: {"aws:RequestedRegion": list(regions)}},
    }]}
