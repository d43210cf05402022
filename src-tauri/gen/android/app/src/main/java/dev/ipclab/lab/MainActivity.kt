package dev.ipclab.lab

import android.os.Bundle
import android.view.View
import android.webkit.WebView
import androidx.activity.enableEdgeToEdge
import androidx.core.view.ViewCompat
import androidx.core.view.WindowInsetsCompat

/** The first Android System WebView that hands a full-screen WebView's system-bar and cutout insets to CSS. */
private const val WEBVIEW_WITH_SAFE_AREA = 140

class MainActivity : TauriActivity() {
  override fun onCreate(savedInstanceState: Bundle?) {
    enableEdgeToEdge()
    super.onCreate(savedInstanceState)
  }

  // Edge to edge (enforced from targetSdk 35; this app targets 37), the WebView fills the window
  // under the status and navigation bars. From WebView M140 it reports those insets to the page
  // as env(safe-area-inset-*), which styles.css pads by, and follows the keyboard itself
  // (M139); an older WebView reports zero, so its parent is padded by the bars, the cutout and
  // the keyboard here instead, and the insets are consumed: the page never pads twice.
  // https://developer.android.com/develop/ui/views/layout/edge-to-edge#handle-overlaps
  // https://developer.android.com/develop/ui/views/layout/webapps/understand-window-insets
  // https://chromium.googlesource.com/chromium/src/+/main/android_webview/docs/insets.md
  override fun onWebViewCreate(webView: WebView) {
    super.onWebViewCreate(webView)
    val major = version.substringBefore('.').toIntOrNull() ?: 0
    if (major >= WEBVIEW_WITH_SAFE_AREA) return
    val content = findViewById<View>(android.R.id.content)
    ViewCompat.setOnApplyWindowInsetsListener(content) { view, insets ->
      val bars = insets.getInsets(
        WindowInsetsCompat.Type.systemBars() or
          WindowInsetsCompat.Type.displayCutout() or
          WindowInsetsCompat.Type.ime()
      )
      view.setPadding(bars.left, bars.top, bars.right, bars.bottom)
      WindowInsetsCompat.CONSUMED
    }
    ViewCompat.requestApplyInsets(content)
  }
}
