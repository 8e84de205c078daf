"""A correct solution written differently: no skl2onnx. The fitted scaler and logistic
regression are written as an ONNX graph by hand with onnx.helper (Sub, Div, MatMul, Add, then
Softmax, or Sigmoid and 1 - p for two classes), all in float64, and the session's outputs are
looked up by name."""

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper


def export_onnx(X_train, y_train):
    X_train = np.asarray(X_train, dtype=np.float64)
    pipeline = build_pipeline().fit(X_train, y_train)  # noqa: F821 - defined by the notebook
    scaler, clf = pipeline.named_steps["scale"], pipeline.named_steps["model"]
    weights = {
        "mean": scaler.mean_, "scale": scaler.scale_,
        "coef": clf.coef_.T.copy(), "intercept": clf.intercept_,
    }
    nodes = [
        helper.make_node("Sub", ["rows", "mean"], ["centred"]),
        helper.make_node("Div", ["centred", "scale"], ["z"]),
        helper.make_node("MatMul", ["z", "coef"], ["product"]),
        helper.make_node("Add", ["product", "intercept"], ["logits"]),
    ]
    if len(clf.classes_) == 2:
        weights["one"] = np.array([1.0])
        nodes += [
            helper.make_node("Sigmoid", ["logits"], ["positive"]),
            helper.make_node("Sub", ["one", "positive"], ["negative"]),
            helper.make_node("Concat", ["negative", "positive"], ["proba"], axis=1),
        ]
    else:
        nodes.append(helper.make_node("Softmax", ["logits"], ["proba"], axis=1))
    graph = helper.make_graph(
        nodes, "scaled_logistic_regression",
        inputs=[helper.make_tensor_value_info("rows", TensorProto.DOUBLE,
                                              ["batch", X_train.shape[1]])],
        outputs=[helper.make_tensor_value_info("proba", TensorProto.DOUBLE,
                                               ["batch", len(clf.classes_)])],
        initializer=[numpy_helper.from_array(np.asarray(v, dtype=np.float64), name)
                     for name, v in weights.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


def onnx_predict_proba(model_bytes, X):
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    (source,) = session.get_inputs()
    outputs = {o.name: i for i, o in enumerate(session.get_outputs())}
    result = session.run(None, {source.name: np.asarray(X, dtype=np.float64)})
    return result[outputs["proba"]]
