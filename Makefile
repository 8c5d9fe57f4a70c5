# zae-video: the two commands of README.md, and a few conveniences.
#   make demo   installs what is missing, builds in release, runs the main job on the embedded dataset
#   make test   installs what is missing, runs the test suite

SWIFT ?= swift
RELEASE_BIN = .build/release/zae-video
DEMO_DIR ?= demo

.PHONY: demo test deps build bench bench-compare clean

deps:
	@bash .ci/install-deps

build: deps
	$(SWIFT) build -c release --product zae-video

# The main job on the embedded dataset: generate the motion dataset, learn a TRec ZAE, run the
# recognition protocol, print the AP table and the paths of the report's and the model's pages
# (settings: Pipelines/motions-demo.json).
demo: build
	$(RELEASE_BIN) info
	$(RELEASE_BIN) make-dataset motions --out $(DEMO_DIR)/motions
	$(RELEASE_BIN) learn --learner trec --data $(DEMO_DIR)/motions --out $(DEMO_DIR)/trec --pipeline Pipelines/motions-demo.json --force
	$(RELEASE_BIN) evaluate --dataset hollywood2 --root $(DEMO_DIR)/motions --model $(DEMO_DIR)/trec --out $(DEMO_DIR)/report --pipeline Pipelines/motions-demo.json
	@echo ""
	@echo "Open in a browser: the report and the model (self-contained pages):"
	@echo "  $(abspath $(DEMO_DIR))/report/report.html"
	@echo "  $(abspath $(DEMO_DIR))/trec/model.html"

# Tests run in parallel on 2 cores: one BLAS thread each. The BLAS kernel is chosen by the tool itself
# (OpenBLAS reads OPENBLAS_CORETYPE only when it loads, so the test process needs it in its environment).
test:
	@bash .ci/install-deps --with-numpy
	$(SWIFT) build --build-tests
	@core="$${OPENBLAS_CORETYPE-$$($$($(SWIFT) build --show-bin-path)/zae-video info --blas-coretype)}"; \
	if [ -n "$$core" ]; then export OPENBLAS_CORETYPE="$$core"; fi; \
	echo "OPENBLAS_CORETYPE=$${OPENBLAS_CORETYPE-} OPENBLAS_NUM_THREADS=1 $(SWIFT) test --skip-build"; \
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test --skip-build

bench: build
	$(RELEASE_BIN) bench all

# Every benchmark followed by its peer (Benchmarks/, numpy and scikit-learn when python3 has them),
# each program with its own best BLAS kernel: the OpenBLAS kernel variables unset for both.
bench-compare: build
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(RELEASE_BIN) bench all --compare

clean:
	rm -rf .build $(DEMO_DIR)
