"""Nhập thủ tục hành chính từ Cổng Dịch vụ công quốc gia.

    python scripts/import_procedures.py ../shared/data/tthc/bo-tu-phap ../shared/data/tthc/bo-xay-dung --level cap-tinh
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.importers.procedures import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
