// Boost 1.74 with g++ 12 in C++20 needs <utility> before Asio (std::exchange in awaitable.hpp).
#include <utility>

#include "server/http_server.h"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <malloc.h>
#include <sys/resource.h>

#include <atomic>
#include <thread>
#include <vector>

#include "server/session.h"

namespace dynarock::server {

namespace {

using Acceptor = asio::basic_socket_acceptor<asio::ip::tcp, Executor>;
using SignalSet = asio::basic_signal_set<Executor>;

// Raises the open-file soft limit to the hard limit (every connection is a descriptor); returns
// the limit in force.
rlim_t raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur;
}

// Accept failures that mean "out of descriptors or memory now": retrying at once would spin,
// because the listening socket stays readable until a descriptor frees up.
bool is_resource_shortage(const beast::error_code& ec) {
  return ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space || ec == asio::error::no_memory ||
         ec.value() == ENFILE;
}

}  // namespace

struct Listener {
  Listener(Executor executor, bool tls) : acceptor(executor), backoff(executor), tls(tls) {}
  Acceptor acceptor;
  Timer backoff;
  bool tls;
  std::atomic<bool> paused{false};  // at --max-connections; resumed when a connection closes
};

struct HttpServer::Impl {
  protocol::Service& service;
  HttpOptions options;
  // Declared before everything that holds handlers or sockets on them, so destroyed last.
  std::vector<std::unique_ptr<Shard>> shards;
  std::vector<asio::executor_work_guard<Executor>> guards;
  Router router;
  std::unique_ptr<WorkerPool> worker;
  std::unique_ptr<WorkerPool> bulk;
  std::unique_ptr<SessionHost> host;
  std::optional<asio::ssl::context> tls;
  std::vector<std::unique_ptr<Listener>> listeners;
  // Shutdown signals are handled by Asio, not in a raw signal handler: stopping takes locks,
  // which is not async-signal-safe.
  SignalSet signals;
  Timer shutdown_timer;
  Clock::time_point shutdown_deadline;
  std::atomic<int> live{0};
  int max_connections = 0;
  size_t next_shard = 0;  // touched only on shard 0, where the acceptors run
  std::atomic<bool> shutting_down{false};
  std::atomic<bool> shortage_logged{false};
  uint16_t http_port = 0;
  uint16_t https_port = 0;

  Impl(protocol::Service& s, HttpOptions o)
      : service(s), options(std::move(o)), shards(make_shards(options.threads)), router(service, options),
        signals(shards[0]->io.get_executor()), shutdown_timer(shards[0]->io.get_executor()) {
    for (auto& shard : shards) guards.push_back(asio::make_work_guard(shard->io.get_executor()));
  }

  static std::vector<std::unique_ptr<Shard>> make_shards(int threads) {
    int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::unique_ptr<Shard>> out;
    for (int i = 0; i < n; ++i) out.push_back(std::make_unique<Shard>());
    return out;
  }

  Executor main_executor() { return shards[0]->io.get_executor(); }

  uint16_t listen(Listener& l, uint16_t port) {
    auto address = asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host);
    asio::ip::tcp::endpoint endpoint(address, port);
    l.acceptor.open(endpoint.protocol());
    l.acceptor.set_option(asio::socket_base::reuse_address(true));
    l.acceptor.bind(endpoint);
    l.acceptor.listen(asio::socket_base::max_listen_connections);
    return l.acceptor.local_endpoint().port();
  }

  void make_tls_context() {
    if (options.tls_cert.empty() || options.tls_key.empty())
      throw std::runtime_error("HTTPS needs both --tls-cert and --tls-key");
    tls.emplace(asio::ssl::context::tls_server);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                     asio::ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(tls->native_handle(), TLS1_2_VERSION);
    try {
      tls->use_certificate_chain_file(options.tls_cert);
      tls->use_private_key_file(options.tls_key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot load TLS certificate or key: " + std::string(e.what()));
    }
  }

  void accept(Listener& l) {
    Shard& target = *shards[next_shard++ % shards.size()];
    l.acceptor.async_accept(target.io, [this, &l, &target](beast::error_code ec, Socket socket) {
      if (ec == asio::error::operation_aborted || shutting_down) return;
      if (ec) {
        if (is_resource_shortage(ec)) {
          if (!shortage_logged.exchange(true))
            spdlog::warn("cannot accept connections: {} (retrying every 100 ms; see --max-connections)", ec.message());
          l.backoff.expires_after(std::chrono::milliseconds(100));
          l.backoff.async_wait([this, &l](beast::error_code ec) {
            if (!ec && !shutting_down) accept(l);
          });
        } else {
          accept(l);
        }
        return;
      }
      shortage_logged = false;
      beast::error_code ignored;
      socket.set_option(asio::ip::tcp::no_delay(true), ignored);
      live.fetch_add(1);
      asio::post(target.io, [this, &target, tls = l.tls, socket = std::move(socket)]() mutable {
        start_session(target, tls, std::move(socket));
      });
      if (live.load() < max_connections) return accept(l);
      // At the connection limit: stop accepting (new connections wait in the backlog) until a
      // connection closes. Re-checked after pausing, since one may have closed meanwhile.
      l.paused = true;
      if (live.load() < max_connections && l.paused.exchange(false)) accept(l);
    });
  }

  void start_session(Shard& shard, bool use_tls, Socket socket) {
    if (shard.stopping) {
      beast::error_code ignored;
      socket.close(ignored);
      on_session_closed();
      return;
    }
    if (use_tls)
      std::make_shared<Session<TlsStream>>(*host, shard, std::move(socket), *tls)->start();
    else
      std::make_shared<Session<Socket>>(*host, shard, std::move(socket))->start();
  }

  void on_session_closed() {
    live.fetch_sub(1);
    for (auto& l : listeners)
      if (l->paused.load())
        asio::post(main_executor(), [this, lp = l.get()] {
          if (!shutting_down && lp->paused.exchange(false)) accept(*lp);
        });
  }

  void begin_shutdown() {
    if (shutting_down.exchange(true)) return;
    spdlog::info("shutting down: finishing in-flight requests (up to {} s)", options.shutdown_timeout_s);
    beast::error_code ignored;
    for (auto& l : listeners) {
      l->acceptor.close(ignored);
      l->backoff.cancel();
    }
    signals.cancel(ignored);
    for (auto& shard : shards)
      asio::post(shard->io, [s = shard.get()] {
        s->stopping = true;
        std::vector<SessionBase*> sessions(s->sessions.begin(), s->sessions.end());
        for (SessionBase* session : sessions) session->on_server_stop();
      });
    shutdown_deadline = Clock::now() + std::chrono::seconds(options.shutdown_timeout_s);
    wait_for_drain();
  }

  void wait_for_drain() {
    if (live.load() == 0 || Clock::now() >= shutdown_deadline) {
      if (live.load() > 0) spdlog::warn("shutdown: {} connection(s) still busy after {} s, closing them", live.load(), options.shutdown_timeout_s);
      return stop_all();
    }
    shutdown_timer.expires_after(std::chrono::milliseconds(10));
    shutdown_timer.async_wait([this](beast::error_code ec) {
      if (!ec) wait_for_drain();
    });
  }

  void stop_all() {
    for (auto& guard : guards) guard.reset();
    for (auto& shard : shards) shard->io.stop();
  }
};

HttpServer::HttpServer(protocol::Service& service, HttpOptions options)
    : impl_(std::make_unique<Impl>(service, std::move(options))) {}

HttpServer::~HttpServer() {
  stop();
  // Pools first: their queued work holds sessions that live on the shards.
  if (impl_->worker) impl_->worker->stop();
  if (impl_->bulk) impl_->bulk->stop();
}

uint16_t HttpServer::start() {
  Impl& s = *impl_;
  HttpOptions& o = s.options;
  rlim_t files = raise_file_limit();
  // Blocks of 1 MB and more (big bodies, a big DOM's arrays) always get their own mapping, which
  // goes back to the system when freed. Left to glibc, the threshold rises after the first such
  // free and later big blocks stay in an arena for the life of the process.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  s.max_connections = o.max_connections > 0
                          ? o.max_connections
                          : static_cast<int>(std::clamp<rlim_t>(files > 128 ? files - 64 : 64, 16, 10000));
  int workers = o.worker_threads > 0 ? o.worker_threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  s.worker = std::make_unique<WorkerPool>("worker", workers);
  s.bulk = std::make_unique<WorkerPool>("bulk", 1, 5);
  s.host = std::make_unique<SessionHost>(SessionHost{s.router, *s.worker, *s.bulk, o, [&s] { s.on_session_closed(); }});

  bool https = o.tls_port > 0 || !o.tls_cert.empty() || !o.tls_key.empty();
  if (https && o.tls_port == 0 && o.port != 0) throw std::runtime_error("HTTPS needs --tls-port (with --tls-cert and --tls-key)");
  if (https) s.make_tls_context();
  bool https_only = https && o.tls_port == o.port && o.port != 0;
  if (!https_only) {
    s.listeners.push_back(std::make_unique<Listener>(s.main_executor(), false));
    s.http_port = s.listen(*s.listeners.back(), o.port);
  }
  if (https) {
    s.listeners.push_back(std::make_unique<Listener>(s.main_executor(), true));
    s.https_port = s.listen(*s.listeners.back(), https_only ? o.port : o.tls_port);
  }
  for (auto& l : s.listeners) s.accept(*l);
  if (o.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.begin_shutdown();
    });
  }
  return https_only ? s.https_port : s.http_port;
}

uint16_t HttpServer::tls_port() const { return impl_->https_port; }

void HttpServer::run() {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->shards.size(); ++i) threads.emplace_back([this, i] { impl_->shards[i]->io.run(); });
  impl_->shards[0]->io.run();
  for (auto& t : threads) t.join();
}

void HttpServer::stop() {
  if (impl_) impl_->stop_all();
}

void HttpServer::shutdown() {
  asio::post(impl_->main_executor(), [this] { impl_->begin_shutdown(); });
}

}  // namespace dynarock::server
