"""Registers one Checkov CloudFormation check per catalog rule."""

from perimeter_checks.checkov_support import register_cloudformation_checks

checks = register_cloudformation_checks()
