"""perimeter-checks: AWS data-perimeter checks for Terraform and CloudFormation."""

__version__ = "0.1.0"
