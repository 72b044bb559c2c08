"""Nhập văn bản (.txt, .docx, .pdf) thành tệp văn bản trong plans/.

    python scripts/import_plans.py van-ban-moi.docx
    python scripts/import_plans.py thu-muc-van-ban/
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.importers.plans import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
