# Two entry points, both self-contained on a fresh machine:
#   make examples  - set up, then scan examples/ with Checkov plus our checks
#   make test      - set up, then run the test suite
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
CHECKOV = $(BIN)/checkov --skip-download --compact --soft-fail \
	--external-checks-dir "$$($(BIN)/perimeter-checks path checkov)" --check 'PERIM_*'

# The SARIF 2.1.0 JSON schema, for the test that validates our SARIF (npm registry).
SARIF_SCHEMA = $(VENV)/sarif-2.1.0-rtm.5.json
SARIF_PACKAGE = @microsoft/sarif-matcher-utils@1.0.0-beta.0

.PHONY: setup examples test clean

setup: $(VENV)/.installed $(SARIF_SCHEMA)

$(SARIF_SCHEMA): | $(VENV)/.installed
	cd $(VENV) && npm pack --silent $(SARIF_PACKAGE) > .sarif-package 2>/dev/null \
		&& tar xzf "$$(cat .sarif-package)" -O package/lib/schemas/sarif-2.1.0-rtm.5.json > $(notdir $@).tmp \
		&& mv $(notdir $@).tmp $(notdir $@) && rm -f "$$(cat .sarif-package)" .sarif-package \
		|| echo "SARIF schema not fetched (npm unavailable): the SARIF validation test will be skipped"

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python opa-golib-python-bindings==0.4.4
	touch $@

# The examples hold deliberate failures, so this shows them without failing the command.
examples: setup
	PERIMETER_CONFIG=examples/perimeter.yaml $(CHECKOV) -d examples/terraform --framework terraform
	PERIMETER_CONFIG=examples/perimeter.yaml $(CHECKOV) -d examples/plan --framework terraform_plan
	PERIMETER_CONFIG=examples/perimeter.yaml $(CHECKOV) -d examples/cloudformation --framework cloudformation

# pytest exits 5 when it collects no tests; anything else non-zero is a real failure.
test: setup
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall . >/dev/null
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; if [ $$rc -eq 5 ]; then rc=0; fi; exit $$rc

clean:
	rm -rf $(VENV) build *.egg-info
