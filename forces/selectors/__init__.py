from forces.selectors.figures import ForceFigures, force_figures
from forces.selectors.forces import force_find, force_list

__all__ = ["ForceFigures", "force_figures", "force_find", "force_list"]
