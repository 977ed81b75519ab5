/**
 * In-process pipelines: {@link io.rapidbyte.host.pipeline.PipelineRunner} runs a source, any
 * transforms and a destination, each on its own thread, linked by stage channels, one stream at
 * a time.
 */
package io.rapidbyte.host.pipeline;
