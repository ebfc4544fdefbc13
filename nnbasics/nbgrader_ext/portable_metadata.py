"""PortableMetadata: executed solution notebooks do not record the Python patch version.

``generate_solution`` runs the notebooks, and the kernel writes its exact version into
``metadata.language_info``; without this step ``solutions/`` would change with every
3.11.x it is regenerated on, and the test that it equals what nbgrader generates could not hold.
"""

from nbgrader.preprocessors.base import NbGraderPreprocessor


class PortableMetadata(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        nb.metadata.get("language_info", {}).pop("version", None)
        return nb, resources
