"""The wheel carries the bundled scenarios, portraits and icons.

They live at the top of the repository (``scenarios/``, ``assets/``), where authors and
trainers find them; the build copies them into ``simulator/_bundled/``, which
``simulator.core.assets.bundled_dir`` reads when the package is installed. An editable
install reads them in place.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CONTENT = {  # folder: the files of it that the app reads
    "scenarios": ("*.yaml",),
    "assets/icons": ("*.svg",),
    "assets/portraits": ("*/*.svg", "*/*.png", "*/*.jpg", "*/*.jpeg"),
}


class BuildWithContent(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for folder, patterns in CONTENT.items():
            source = ROOT / folder
            if not source.is_dir():
                raise SystemExit(f"cannot build: the bundled content folder {source} is missing")
            for pattern in patterns:
                for file in sorted(source.glob(pattern)):
                    target = Path(self.build_lib, "simulator", "_bundled", folder, file.relative_to(source))
                    self.mkpath(str(target.parent))
                    self.copy_file(str(file), str(target))


setup(cmdclass={"build_py": BuildWithContent})
