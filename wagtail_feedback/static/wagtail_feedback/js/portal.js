// The portal's one entry module: enhances whatever the page holds, and again after
// the widget's in-frame navigation swaps a page in.
import { start as startEmbedded } from "./embed.js";
import * as forms from "./forms.js";
import { enhance as enhanceSliders } from "./priority-sliders.js";
import { enhance as enhanceSimilar } from "./similar.js";
import { enhance as enhanceVotes } from "./votes.js";

function enhance(scope = document) {
  document.documentElement.classList.add("js");
  forms.enhance(scope);
  enhanceVotes(scope);
  enhanceSimilar(scope);
  enhanceSliders(scope);
}

enhance();
startEmbedded(enhance);
