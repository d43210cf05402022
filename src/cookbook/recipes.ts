// The Cookbook's catalog: one recipe per IPC path of the seeds and of the app, by domain. Each
// recipe's code and grants come from the real files at build time (extract.ts); its figure
// from this device's last bench report; each pitfall names the test that proves the remedy.
import type { Recipe } from './model';
import { CHANNEL_RECIPES } from './recipes/channels.ts';
import { COMMAND_RECIPES } from './recipes/commands.ts';
import { EVENT_RECIPES } from './recipes/events.ts';

export const RECIPES: readonly Recipe[] = [...COMMAND_RECIPES, ...CHANNEL_RECIPES, ...EVENT_RECIPES];

export const recipeById = (id: string): Recipe | undefined => RECIPES.find((recipe) => recipe.id === id);
