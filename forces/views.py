from django.shortcuts import get_object_or_404, render

from forces.models import Force
from forces.selectors import force_figures, force_list


def force_index(request):
    return render(request, "forces/force_list.html", {"forces": force_list()})


def force_detail(request, slug: str):
    force = get_object_or_404(Force, slug=slug)
    return render(
        request,
        "forces/force_detail.html",
        {
            "force": force,
            "figures": force_figures(force=force),
            "can_import_figures": request.user.has_perm("forces.add_metricvalue"),
        },
    )
