from core import navigation
from work.permissions import TASK_WORKERS, TEAM_WORK_VIEWERS

# The label gets its count of open tasks in work/context_processors.py.
navigation.register(label="My work", url_name="work:mine", policy=TASK_WORKERS, order=30)
navigation.register(label="Team work", url_name="work:team", policy=TEAM_WORK_VIEWERS, order=35)
