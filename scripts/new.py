"""Tạo tin, văn bản, thủ tục hoặc cơ quan mới với phần đầu YAML đúng mẫu.

    python scripts/new.py tin-tuc --title "Sở Tư pháp tập huấn một cửa" --department STP-KH
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cchc.new_item import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
