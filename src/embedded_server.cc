#include <utility>

#include "dynarock/embedded_server.h"

#include <thread>

#include "engine/engine.h"
#include "protocol/service.h"
#include "server/http_server.h"

namespace dynarock {

struct EmbeddedServer::Impl {
  std::unique_ptr<protocol::Service> service;
  std::unique_ptr<server::HttpServer> http;
  std::thread runner;
  std::string host;
  uint16_t port = 0;
};

EmbeddedServer::EmbeddedServer(EmbeddedOptions options) : impl_(std::make_unique<Impl>()) {
  engine::Options engine_options;
  engine_options.in_memory = options.in_memory;
  if (!options.in_memory) engine_options.path = options.data_dir;
  protocol::Settings settings;
  settings.shared_db = options.shared_db;
  settings.s3_dir = options.s3_dir.empty() && !options.in_memory ? options.data_dir + "/s3" : options.s3_dir;
  impl_->service = std::make_unique<protocol::Service>(engine::Engine::open(engine_options), settings);
  server::HttpOptions http_options;
  http_options.host = options.host;
  http_options.port = options.port;
  http_options.threads = options.threads;
  http_options.handle_signals = false;
  impl_->http = std::make_unique<server::HttpServer>(*impl_->service, http_options);
  impl_->host = options.host;
  impl_->port = impl_->http->start();
  impl_->runner = std::thread([this] { impl_->http->run(); });
}

EmbeddedServer::~EmbeddedServer() { stop(); }

uint16_t EmbeddedServer::port() const { return impl_->port; }

std::string EmbeddedServer::endpoint() const { return "http://" + impl_->host + ":" + std::to_string(impl_->port); }

void EmbeddedServer::stop() {
  if (!impl_ || !impl_->http) return;
  impl_->http->stop();
  if (impl_->runner.joinable()) impl_->runner.join();
}

}  // namespace dynarock
