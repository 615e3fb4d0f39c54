import pytest

from tests.integration.harness import Deployment, require_broker


def pytest_collection_modifyitems(items):
    for item in items:
        if "integration" in str(item.fspath):
            item.add_marker(pytest.mark.kafka)


@pytest.fixture
def deployment(tmp_path):
    require_broker()
    made = []

    def make(**env):
        d = Deployment(**env)
        made.append(d)
        return d

    yield make
    for d in made:
        d.stop_all()
        d.delete_topics()
