"""Registers one Checkov Terraform (HCL and plan) check per catalog rule."""

from perimeter_checks.checkov_support import register_terraform_checks

checks = register_terraform_checks()
