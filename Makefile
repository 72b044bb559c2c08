# The two commands of the README, and a few more. Each one creates or reuses .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What building needs, and what testing adds (Playwright, axe, jsonschema…): a publishing job installs only the first.
READY := $(VENV)/.ready-build
TEST_READY := $(VENV)/.ready-test
# The portal's code compiled once for every process that imports it (a build, its search process, each build a test
# starts), before each command: where PYTHONDONTWRITEBYTECODE is set (this project's CI machines set it), each
# process otherwise compiles it again from source, 0.3 s of CPU for the build alone. Up to date, this takes 0.1 s.
COMPILED := $(PY) -m compileall -q cchc hooks

.PHONY: build serve test check site-check deploy rollback clean sample-plans hooks

build: $(READY)  ## Dựng trang vào site/
	$(COMPILED)
	$(PY) -m mkdocs build --strict
	@echo "Đã dựng xong: mở $(CURDIR)/site/index.html, hoặc chạy 'make serve' rồi vào http://127.0.0.1:8000/"

serve: $(READY)  ## Xem trước tại http://127.0.0.1:8000/
	$(COMPILED)
	$(PY) -m mkdocs serve

test: $(TEST_READY)  ## Chạy toàn bộ kiểm thử
	$(COMPILED)
	$(PY) -m pytest

check: $(READY)  ## Kiểm tra nhanh nội dung, không dựng trang
	$(COMPILED)
	$(PY) -m cchc.check

hooks: $(READY)  ## Kiểm tra nội dung trước mỗi lần commit
	install -m 755 scripts/pre-commit .git/hooks/pre-commit
	@echo "Đã cài: git commit sẽ chạy kiểm tra nội dung trước."

sample-plans: $(READY)  ## Nhập lại bốn văn bản mẫu từ tests/fixtures/seeds/ vào plans/
	for seed in tests/fixtures/seeds/*.txt; do \
	  $(PY) scripts/import_plans.py "$$seed" --out "plans/$$(basename "$$seed" .txt).md" --force || exit 1; \
	done

site-check: $(READY)  ## Kiểm tra trang đã dựng: liên kết, mục, bảng tin, tiêu đề, ngôn ngữ
	$(PY) -m cchc.site_check site

deploy: $(READY)  ## Triển khai site/ vào ROOT (máy chủ web phục vụ ROOT/current): make deploy ROOT=/var/www/cchc
	$(PY) -m cchc.deploy site $(ROOT)

rollback: $(READY)  ## Quay lại bản triển khai trước: make rollback ROOT=/var/www/cchc
	$(PY) -m cchc.deploy --rollback $(ROOT)

clean:
	rm -rf site .site.de-dung-lai .cache $(VENV)

$(READY): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(TEST_READY): $(READY) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
