/* output: presenting frames, rotated when the panel is; see output.h. */
#include "output.h"

int output_update(struct output *o)
{
	if (SDL_GetRendererOutputSize(o->renderer, &o->out_w, &o->out_h) != 0)
		return -1;
	rotation_logical_size(o->rotation, o->out_w, o->out_h, &o->w, &o->h);
	if (o->target)
		SDL_DestroyTexture(o->target);
	o->target = NULL;
	if (o->rotation == ROTATION_0)
		return 0;
	o->target = SDL_CreateTexture(o->renderer, SDL_PIXELFORMAT_ARGB8888,
				      SDL_TEXTUREACCESS_TARGET, o->w, o->h);
	return o->target ? 0 : -1;
}

int output_init(struct output *o, SDL_Renderer *renderer, enum rotation rotation)
{
	*o = (struct output){ .renderer = renderer, .rotation = rotation };
	if (output_update(o) == 0)
		return 0;
	/* a panel that cannot be turned still shows the kiosk */
	o->rotation = ROTATION_0;
	output_update(o);
	return -1;
}

void output_close(struct output *o)
{
	if (o->target)
		SDL_DestroyTexture(o->target);
	o->target = NULL;
}

void output_present(struct output *o, struct app *app)
{
	struct rotation_blit b;

	SDL_SetRenderTarget(o->renderer, o->target);
	app_draw(app);
	if (o->target) {
		SDL_SetRenderTarget(o->renderer, NULL);
		rotation_blit_params(o->rotation, o->out_w, o->out_h, &b);
		SDL_RenderCopyExF(o->renderer, o->target, NULL, &(SDL_FRect){ b.x, b.y, b.w, b.h },
				  b.angle, NULL, (SDL_RendererFlip)b.flip);
	}
	SDL_RenderPresent(o->renderer);
}

void output_map_touch(const struct output *o, struct input_event *ev)
{
	double x = ev->x, y = ev->y;

	rotation_map_point(o->rotation, o->out_w, o->out_h, x, y, &ev->x, &ev->y);
}

void output_unmap_point(const struct output *o, double lx, double ly, double *px, double *py)
{
	rotation_unmap_point(o->rotation, o->out_w, o->out_h, lx, ly, px, py);
}
